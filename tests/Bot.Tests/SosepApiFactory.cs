using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests;

/// <summary>The real host (routing, authentication, JSON, ProblemDetails) on a fresh SQLite file.</summary>
public sealed class SosepApiFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sosepbot-api-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = [];
    private readonly Action<IServiceCollection>? _services;

    public SosepApiFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Directory.CreateDirectory(_directory);
        _settings["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "sosepbot.db")}";
        _settings["Attachments:Directory"] = Path.Combine(_directory, "attachments");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>Monday 2026-03-02 09:00 in Guatemala.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(services);
        });
    }

    /// <summary>Registers a person with roles and returns a client that sends their API key.</summary>
    public async Task<HttpClient> ClientForAsync(string name, params Role[] roles)
    {
        var email = EmailOf(name);
        await using var scope = Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
        await people.UpsertAsync(new PersonInput { Email = email, DisplayName = name, Roles = roles.Select(r => r.ToString()).ToList() }, default);
        var key = await people.IssueApiKeyAsync(email, "tests", default);
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>The rows of one table, read with a connection of its own (not through the host's services).</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_settings["Database:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "", StringComparison.Ordinal)}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The rows of several tables in one query («3,0,12»), for before/after comparisons.</summary>
    public async Task<string> CountsAsync(params string[] tables)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_settings["Database:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + string.Join(" || ',' || ", tables.Select(t => $"(SELECT COUNT(*) FROM \"{t.Replace("\"", "", StringComparison.Ordinal)}\")"));
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static string EmailOf(string name) => $"{new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}@sosep.gob.gt";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left to the temp cleaner
        }
    }
}
