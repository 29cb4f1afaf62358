namespace SosepBot.Bot.Tests.Teams;

/// <summary>Tests against a Teams host (real host, database, fake connector and identity) with one registered person, Ana Pérez.</summary>
public abstract class AnaHostTests : IAsyncLifetime
{
    /// <summary>Ana's Entra object id.</summary>
    protected const string Ana = "aad-ana-0001";

    protected TeamsHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TeamsHost.StartAsync();
        await Host.PersonAsync("Ana Pérez", Ana);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
