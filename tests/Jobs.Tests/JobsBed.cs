using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SosepBot.Core;
using Microsoft.Extensions.Options;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Notifications;
using SosepBot.Documents;
using SosepBot.Documents.Charts;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Hosting;
using SosepBot.TestKit;
using SosepBot.Persistence;

namespace SosepBot.Jobs.Tests;

/// <summary>
/// A migrated test database (TestKit) and, over the same file and clock, the services of one "process" with the
/// jobs registered and fake channels. <see cref="RestartAsync"/> throws that process away and starts another.
/// </summary>
internal sealed class JobsBed : IAsyncDisposable
{
    private readonly IDictionary<string, string?> _settings;

    private JobsBed(TestDatabase db, IDictionary<string, string?> settings)
    {
        Db = db;
        _settings = settings;
        Host = Build();
    }

    public TestDatabase Db { get; }

    public FakeTimeProvider Time => Db.Time;

    public FixedReach Teams { get; } = new(OutboxChannel.Teams);

    public FixedReach Mail { get; } = new(OutboxChannel.Mail);

    public RecordingSender TeamsSender { get; } = new(OutboxChannel.Teams);

    public RecordingSender MailSender { get; } = new(OutboxChannel.Mail);

    public IHost Host { get; private set; }

    public IServiceProvider Services => Host.Services;

    public static async Task<JobsBed> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var db = await TestDatabase.CreateAsync();
        var all = new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false",
            ["Jobs:Delivery:Enabled"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        return new JobsBed(db, all);
    }

    /// <summary>Stops this process's host (cancelling whatever runs) and starts a new one over the same database.</summary>
    public async Task RestartAsync(bool start)
    {
        await StopAsync();
        Host = Build();
        if (start)
        {
            await Host.StartAsync();
        }
    }

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Host.StopAsync(cts.Token);
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        Host.Dispose();
    }

    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<T> DbAsync<T>(Func<SosepDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SosepDbContext>());
    }

    public Task<List<OutboxMessage>> OutboxAsync() => DbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public Task<RequestDetails> FireAsync(Actor actor, string number, string action, ActionInput? input = null) =>
        Db.Requests(r => r.Actions.FireAsync(actor, number, action, input ?? ActionInput.None, CancellationToken.None));

    /// <summary>Sets the clock to a local (Guatemala, UTC-6) wall-clock time.</summary>
    public void SetLocal(int year, int month, int day, int hour, int minute = 0) =>
        Time.SetUtcNow(Local(year, month, day, hour, minute));

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(-6)).ToUniversalTime();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Db.DisposeAsync();
    }

    private IHost Build()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Db.Provider.ToString(),
            ["Database:ConnectionString"] = Db.ConnectionString,
            ["Attachments:Directory"] = Db.AttachmentsDirectory,
        });
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSosepCore();
        builder.Services.AddSosepPersistence();
        builder.Services.AddSosepJobs(builder.Configuration);
        builder.Services.AddSingleton<IRecipientReach>(Teams);
        builder.Services.AddSingleton<IRecipientReach>(Mail);
        builder.Services.AddSingleton<IOutboxSender>(TeamsSender);
        builder.Services.AddSingleton<IOutboxSender>(MailSender);
        builder.Services.AddSingleton<IDashboardCharts>(new DashboardCharts(Options.Create(new DocumentOptions())));
        return builder.Build();
    }
}

/// <summary>People and a DS-UI-03 calendar in execution with visits, as the IT unit would set them up.</summary>
internal sealed class MaintenanceScene
{
    public required Actor Director { get; init; }

    public required Actor Assistant { get; init; }

    public required Actor Despacho { get; init; }

    public required Actor Technician { get; init; }

    public required Actor InfraHead { get; init; }

    public required Actor Contact { get; init; }

    public required string Calendar { get; init; }

    public static async Task<MaintenanceScene> CreateAsync(JobsBed bed)
    {
        var db = bed.Db;
        var director = await db.PersonAsync("Director Informatica", Role.ItDirector);
        var calendar = await db.Requests(r => r.Opening.OpenAsync(director,
            new NewRequest { ProcedureCode = ProcedureCodes.MantenimientoPreventivo, Title = "Calendario 2026" }, default));
        var scene = new MaintenanceScene
        {
            Director = director,
            Assistant = await db.PersonAsync("Asistente Informatica", Role.Assistant),
            Despacho = await db.PersonAsync("Despacho Superior", Role.Despacho),
            Technician = await db.PersonAsync("Tito Tecnico", Role.Technician),
            InfraHead = await db.PersonAsync("Rosa Jefa", Role.InfraHead),
            Contact = await db.PersonAsync("Ana Contacto"),
            Calendar = calendar.Summary.Number,
        };
        // Hogares Comunitarios: Ana is its contact. Bienestar Social: nobody registered (its visits' requester is told).
        await db.UnitAsync("Hogares Comunitarios", contacts: [Email(scene.Contact)]);
        await db.UnitAsync("Bienestar Social");
        bed.Teams.Add(scene.Director.PersonId, scene.Technician.PersonId, scene.InfraHead.PersonId);
        bed.Mail.Add(scene.Contact.PersonId, scene.Director.PersonId, scene.Technician.PersonId, scene.InfraHead.PersonId);
        return scene;
    }

    public async Task<string> AddVisitAsync(JobsBed bed, DateTimeOffset when, string unit = "Hogares Comunitarios")
    {
        var visit = await bed.Db.Requests(r => r.Opening.OpenAsync(Director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.VisitaMantenimiento,
            Title = $"Mantenimiento {unit}",
            ParentNumber = Calendar,
            Unit = unit,
            ScheduledFor = when,
            AssigneeEmail = Email(Technician),
            RequesterEmail = Email(Contact),
        }, default));
        return visit.Summary.Number;
    }

    /// <summary>proponer → aprobar → notificar-unidades.</summary>
    public async Task ApproveAsync(JobsBed bed)
    {
        await bed.FireAsync(Assistant, Calendar, "proponer");
        await bed.FireAsync(Despacho, Calendar, "aprobar");
        await bed.FireAsync(Assistant, Calendar, "notificar-unidades");
    }

    public static string Email(Actor actor) =>
        string.Create(CultureInfo.InvariantCulture, $"{new string(actor.DisplayName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}@sosep.gob.gt");
}
