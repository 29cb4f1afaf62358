using Microsoft.EntityFrameworkCore;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SosepBot.Core.People;
using SosepBot.TestKit;

namespace SosepBot.Bot.Tests;

/// <summary>The real host (routing, authentication, JSON, ProblemDetails) on a fresh database of the run's engine (SQLite or PostgreSQL).</summary>
public sealed class SosepApiFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sosepbot-api-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;
    private readonly Dictionary<string, string?> _database;
    private readonly Action<IServiceCollection>? _services;

    public SosepApiFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Directory.CreateDirectory(_directory);
        // Its own database, unless the test brings one (a database kept across two hosts); only its own is dropped.
        _database = settings?.ContainsKey("Database:ConnectionString") == true
            ? []
            : Task.Run(() => TestServerDatabases.NewAsync(_directory)).GetAwaiter().GetResult();
        _settings = new Dictionary<string, string?>(_database);
        _settings["Attachments:Directory"] = Path.Combine(_directory, "attachments");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The host's database.</summary>
    public string ConnectionString => _settings["Database:ConnectionString"]!;

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

    /// <summary>The rows of one table (on the run's engine), read with a connection of its own.</summary>
    public async Task<long> CountAsync(string table) => long.Parse(await CountsAsync(table), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rows of several tables («3,0,12»), for before/after comparisons, on one connection of its own.</summary>
    public async Task<string> CountsAsync(params string[] tables)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepBot.Core.Persistence.SosepDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var counts = new List<long>(tables.Length);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "", StringComparison.Ordinal)}\"";
            counts.Add(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join(',', counts);
    }

    public static string EmailOf(string name) => $"{new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}@sosep.gob.gt";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServerDatabases.DropAsync(_database);
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
