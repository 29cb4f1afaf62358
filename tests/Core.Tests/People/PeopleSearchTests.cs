using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.People;

/// <summary>The console's people search: a database query on the folded name and e-mail, word prefixes, with a limit.</summary>
public sealed class PeopleSearchTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.PersonAsync("Ana Pérez");
        await _db.PersonAsync("Álvaro Núñez", Role.Technician);
        await _db.PersonAsync("Beatriz Anaya", Role.Technician);
        await _db.PersonAsync("Carlos Ruiz");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("perez", "Ana Pérez")]
    [InlineData("ANA PÉR", "Ana Pérez")]
    [InlineData("nun", "Álvaro Núñez")]
    [InlineData("carlosruiz@", "Carlos Ruiz")]
    public async Task Search_WordPrefixesAccentsAndCaseAside_FindsThePerson(string search, string name)
    {
        Assert.Equal(new[] { name }, await SearchAsync(search, 10, null));
    }

    [Fact]
    public async Task Search_WordBeginnings_NotInsideWords()
    {
        // «ana» begins «Ana» and «Anaya», not «Ruiz»; «aya» is inside «Anaya» only.
        Assert.Equal(new[] { "Ana Pérez", "Beatriz Anaya" }, await SearchAsync("ana", 10, null));
        Assert.Empty(await SearchAsync("aya", 10, null));
    }

    [Fact]
    public async Task Search_Limited_ByRoleAndInOrder()
    {
        Assert.Equal(new[] { "Álvaro Núñez", "Beatriz Anaya" }, await SearchAsync(null, 10, Role.Technician));
        Assert.Single(await SearchAsync(null, 1, null));
    }

    [Fact]
    public async Task Initialize_PeopleWrittenBeforeTheColumn_GetTheirSearchName()
    {
        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            await db.DataSteps.ExecuteDeleteAsync();
            return await db.People.ExecuteUpdateAsync(s => s.SetProperty(p => p.SearchName, string.Empty));
        });
        Assert.Empty(await SearchAsync("perez", 10, null));

        await _db.Services.GetRequiredService<SosepBot.Persistence.DatabaseInitializer>().InitializeAsync(default);

        Assert.Equal(new[] { "Ana Pérez" }, await SearchAsync("perez", 10, null));
    }

    private Task<string[]> SearchAsync(string? search, int take, Role? role) => _db.InScopeAsync(async sp =>
        (await sp.GetRequiredService<PeopleService>().SearchAsync(search, take, activeOnly: true, role, default)).Select(p => p.DisplayName).ToArray());
}
