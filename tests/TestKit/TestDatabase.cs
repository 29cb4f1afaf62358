using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SosepBot.Core;
using SosepBot.Core.People;
using SosepBot.Core.Units;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Persistence;

namespace SosepBot.TestKit;

/// <summary>
/// A real database for a test, migrated like the service migrates it, with a fake clock: on this run's engine
/// (<see cref="TestServerDatabases.Provider"/>: a fresh SQLite file by default, a fresh PostgreSQL database with
/// SOSEPBOT_TEST_PROVIDER=PostgreSql), or on a named one (SQL Server when SOSEPBOT_TEST_SQLSERVER holds a connection string).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Environment variable with a SQL Server connection string (its database name is replaced per test).</summary>
    public const string SqlServerVariable = "SOSEPBOT_TEST_SQLSERVER";

    private readonly string _directory;

    private TestDatabase(
        DatabaseProvider provider, string connectionString, string directory, FakeTimeProvider time, IDictionary<string, string?>? settings,
        Action<IServiceCollection, IConfiguration>? configureServices)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        Time = time;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["Database:ConnectionString"] = connectionString,
                ["Attachments:Directory"] = Path.Combine(directory, "attachments"),
                ["Attachments:MaxBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddSosepCore();
        services.AddSosepPersistence();
        configureServices?.Invoke(services, configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The clock; starts on a Monday at 09:00 in Guatemala (2026-03-02 15:00 UTC).</summary>
    public FakeTimeProvider Time { get; }

    public ServiceProvider Services { get; }

    public string AttachmentsDirectory => Path.Combine(_directory, "attachments");

    public static bool SqlServerConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerVariable));

    /// <summary>A migrated database on this run's engine (SQLite unless SOSEPBOT_TEST_PROVIDER names another).</summary>
    /// <param name="settings">Configuration added to the defaults.</param>
    /// <param name="configureServices">Registers more services (a channel's) with the test's configuration.</param>
    public static Task<TestDatabase> CreateAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? configureServices = null) =>
        CreateOnAsync(TestServerDatabases.Provider, settings, configureServices);

    /// <summary>A migrated SQLite database in a temporary file, whatever the run's engine: for what only SQLite has (its file, its backup).</summary>
    public static Task<TestDatabase> CreateSqliteAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? configureServices = null) =>
        CreateOnAsync(DatabaseProvider.Sqlite, settings, configureServices);

    public static async Task<TestDatabase> CreateOnAsync(
        DatabaseProvider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? configureServices = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={Path.Combine(directory, "sosepbot.db")}",
            DatabaseProvider.PostgreSql => await TestServerDatabases.NewPostgreSqlAsync(),
            DatabaseProvider.SqlServer => new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(
                Environment.GetEnvironmentVariable(SqlServerVariable)) { InitialCatalog = $"sosepbot_test_{Guid.NewGuid():N}" }.ConnectionString,
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        var db = new TestDatabase(provider, connectionString, directory, time, settings, configureServices);
        await db.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return db;
    }

    /// <summary>Runs <paramref name="work"/> in its own DI scope (its own DbContext), as one HTTP request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> with the request services of its own DI scope.</summary>
    public Task<T> Requests<T>(Func<RequestServices, Task<T>> work) =>
        InScopeAsync(sp => work(RequestServices.From(sp)));

    /// <summary>Registers a person holding <paramref name="roles"/> and returns them as an actor on the API channel.</summary>
    public async Task<Actor> PersonAsync(string name, params Role[] roles)
    {
        var email = $"{new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}@sosep.gob.gt";
        var person = await InScopeAsync(sp => sp.GetRequiredService<PeopleService>().UpsertAsync(
            new PersonInput { Email = email, DisplayName = name, Roles = roles.Select(r => r.ToString()).ToList() },
            CancellationToken.None));
        return PeopleService.ActorOf(person, Channel.Api)!;
    }

    /// <summary>
    /// Records that a DS-UI-05 dictamen was generated for the request (its rows only, no file), standing in for the
    /// document service where only Core runs: the review step needs one.
    /// </summary>
    public Task RecordDictamenAsync(Actor actor, string number) => InScopeAsync(async sp =>
    {
        ArgumentNullException.ThrowIfNull(actor);
        var context = sp.GetRequiredService<SosepDbContext>();
        var request = context.Requests.Single(r => r.Number == RequestNumbers.Normalize(number));
        var version = context.GeneratedDocuments.Count(d => d.RequestId == request.Id && d.Kind == Core.Documents.DocumentKind.DictamenPdf) + 1;
        var now = Time.GetUtcNow();
        var attachment = new Core.Attachments.Attachment
        {
            RequestId = request.Id, Kind = Core.Attachments.AttachmentKind.Dictamen, FileName = $"{request.Number}-dictamen-v{version}.pdf",
            ContentType = "application/pdf", Size = 1, Sha256 = new string('0', 64), StorageKey = $"no-file/{Guid.NewGuid():N}",
            UploadedById = actor.PersonId, CreatedAt = now,
        };
        context.Attachments.Add(attachment);
        await context.SaveChangesAsync();
        context.GeneratedDocuments.Add(new Core.Documents.GeneratedDocument
        {
            RequestId = request.Id, Kind = Core.Documents.DocumentKind.DictamenPdf, Version = version, AttachmentId = attachment.Id,
            Fingerprint = new string('0', 64), GeneratedById = actor.PersonId, CreatedAt = now,
        });
        await context.SaveChangesAsync();
        return true;
    });

    /// <summary>Registers a person of a departmental site (unit «Sede Quetzaltenango», created when missing) and returns them as an actor.</summary>
    public async Task<Actor> SitePersonAsync(string name, params Role[] roles)
    {
        var email = $"{new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}@sosep.gob.gt";
        var person = await InScopeAsync(sp => sp.GetRequiredService<PeopleService>().UpsertAsync(
            new PersonInput { Email = email, DisplayName = name, Unit = "Sede Quetzaltenango", IsDepartmentalSite = true, Roles = roles.Select(r => r.ToString()).ToList() },
            CancellationToken.None));
        return PeopleService.ActorOf(person, Channel.Api)!;
    }

    /// <summary>Registers (or updates) a unit of that name and returns it.</summary>
    public async Task<UnitView> UnitAsync(string name, UnitKind kind = UnitKind.OficinaCentral, string department = "Guatemala", string? headEmail = null, IReadOnlyList<string>? contacts = null, string? sharedMailbox = null)
    {
        return await InScopeAsync(async sp =>
        {
            var units = sp.GetRequiredService<UnitService>();
            await units.ImportAsync(
                [new UnitInput { Name = name, Kind = kind.ToString(), Department = department, HeadEmail = headEmail, Contacts = contacts, SharedMailbox = sharedMailbox }],
                CancellationToken.None);
            return (await units.ListAsync(CancellationToken.None)).Single(u => u.Name == name);
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.SqlServer)
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SosepDbContext>().Database.EnsureDeletedAsync();
        }

        await Services.DisposeAsync();
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await TestServerDatabases.DropPostgreSqlAsync(ConnectionString);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by the OS is left to the temp cleaner.
        }
    }
}
