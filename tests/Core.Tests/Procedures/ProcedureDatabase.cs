using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>One migrated SQLite database per test class (tests of a class run one after another; each works on its own requests).</summary>
public sealed class ProcedureDatabase : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
