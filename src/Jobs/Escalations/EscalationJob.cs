using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Audit;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Scheduled;
using SosepBot.Core.Scheduling;
using SosepBot.Jobs.Maintenance;
using SosepBot.Jobs.Notices;

namespace SosepBot.Jobs.Escalations;

/// <summary>
/// Escalates steps whose time limit passed (<c>Request.DueAt</c>, on the business calendar, paused while the
/// request waits on its requester) and maintenance visits not recorded as done in time: first the person
/// responsible, then their head (Jefe de Infraestructura y HelpDesk, or Jefe de Desarrollo for DS-UI-01/02),
/// then the IT director. Each threshold is told once per step: a run that finds it recorded sends nothing, and
/// a step resumed after waiting on the requester keeps the thresholds it already reached.
/// </summary>
public sealed partial class EscalationJob(
    SosepDbContext db,
    ProcedureCatalog catalog,
    BusinessCalendar calendar,
    NoticeWriter notices,
    IOptions<EscalationOptions> options,
    IOptions<MaintenanceOptions> maintenance,
    TimeProvider time,
    ILogger<EscalationJob> logger)
{
    public const string Kind = "escalamiento";

    /// <summary>The scheduled scan; returns how many threshold notices were recorded.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => ScanAsync(cancellationToken);

    /// <summary>One scan; returns how many threshold notices were recorded.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var candidates = await CandidatesAsync(now, cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var ids = candidates.Select(c => c.Id).ToHashSet();
        var recorded = (await (from n in db.JobNotices.AsNoTracking()
                               join r in db.Requests.AsNoTracking() on n.RequestId equals r.Id
                               where n.Kind == Kind && r.ClosedAt == null
                               select new Recorded(n.RequestId!.Value, n.State, n.Episode, n.Level ?? 0)).ToListAsync(cancellationToken))
            .Where(n => ids.Contains(n.RequestId)).ToLookup(n => n.RequestId);
        var roles = (await db.PersonRoles.AsNoTracking()
                .Where(r => (r.Role == Role.InfraHead || r.Role == Role.DevHead || r.Role == Role.ItDirector)
                            && db.People.Any(p => p.Id == r.PersonId && p.IsActive))
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.Role, r => r.PersonId);
        var names = new Dictionary<long, string>();
        var o = options.Value;
        var sent = 0;
        var drafts = new List<NoticeDraft>();
        foreach (var c in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var episode = c.IsVisit ? c.Episode : await EpisodeAsync(c, recorded[c.Id], cancellationToken);
            var done = recorded[c.Id].Where(n => (c.IsVisit || n.State == c.State) && n.Episode == episode).Select(n => n.Level).ToHashSet();
            var thresholds = new[]
            {
                c.Due,
                calendar.AddBusinessHours(c.Due, TimeSpan.FromHours(o.HeadAfterBusinessHours)),
                calendar.AddBusinessHours(c.Due, TimeSpan.FromHours(o.DirectorAfterBusinessHours)),
            };
            var head = c.ProcedureCode is ProcedureCodes.NuevaAplicacion or ProcedureCodes.MantenimientoAplicaciones ? Role.DevHead : Role.InfraHead;
            var heads = roles[head].Distinct().ToList();
            var levels = new List<long>[]
            {
                c.AssigneeId is { } a ? [a] : [.. heads],
                [.. heads],
                [.. roles[Role.ItDirector].Distinct()],
            };
            var told = new HashSet<long>();
            for (var level = 1; level <= 3; level++)
            {
                var recipients = levels[level - 1].Where(p => !told.Contains(p)).ToList();
                told.UnionWith(levels[level - 1]);
                if (thresholds[level - 1] > now || done.Contains(level))
                {
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture, $"{Kind}:{c.Id}:{episode.UtcTicks}:{level}");
                var letters = new List<Letter>();
                foreach (var person in recipients)
                {
                    letters.Add(await LetterAsync(c, level, head, person, now, names, cancellationToken));
                }

                drafts.Add(new NoticeDraft(new JobNotice { Key = key, Kind = Kind, RequestId = c.Id, State = c.State, Level = level, Episode = episode }, letters, c.Number));

                // Recorded a batch at a time: after downtime hundreds are due at once, and one transaction each was the cost.
                if (drafts.Count == NoticeWriter.BatchSize)
                {
                    sent += await notices.WriteManyAsync(drafts, cancellationToken);
                    drafts.Clear();
                }
            }
        }

        sent += await notices.WriteManyAsync(drafts, cancellationToken);

        LogScan(logger, candidates.Count, sent);
        return sent;
    }

    private async Task<List<Candidate>> CandidatesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var overdue = await db.Requests.AsNoTracking()
            .Where(r => r.ClosedAt == null && r.DueAt != null && r.DueAt < now)
            .Select(r => new Candidate(r.Id, r.Number, r.Title, r.ProcedureCode, r.State, r.AssigneeId, r.Unit, r.DueAt!.Value, r.StateEnteredAt, false))
            .ToListAsync(cancellationToken);

        // A visit has no step limit before it is done: it is late when its date plus the grace period has passed.
        var grace = TimeSpan.FromHours(maintenance.Value.VisitGraceBusinessHours);
        var visits = await db.Requests.AsNoTracking()
            .Where(r => r.ProcedureCode == ProcedureCodes.VisitaMantenimiento && r.ClosedAt == null
                        && MaintenanceCalendarQuery.PendingStates.Contains(r.State) && r.ScheduledFor != null && r.ScheduledFor < now)
            .Select(r => new { r.Id, r.Number, r.Title, r.ProcedureCode, r.State, r.AssigneeId, r.Unit, ScheduledFor = r.ScheduledFor!.Value })
            .ToListAsync(cancellationToken);
        foreach (var v in visits)
        {
            var due = calendar.AddBusinessHours(v.ScheduledFor, grace);
            if (due < now)
            {
                overdue.Add(new Candidate(v.Id, v.Number, v.Title, v.ProcedureCode, v.State, v.AssigneeId, v.Unit, due, v.ScheduledFor, true));
            }
        }

        return overdue;
    }

    /// <summary>
    /// The step's episode: when it was entered, or, when it was left only to wait on the requester since its last
    /// escalation, that escalation's episode (the clock paused; the thresholds already told stay told).
    /// </summary>
    private async Task<DateTimeOffset> EpisodeAsync(Candidate c, IEnumerable<Recorded> recorded, CancellationToken cancellationToken)
    {
        var previous = recorded.Where(n => n.State == c.State && n.Episode < c.Episode).OrderByDescending(n => n.Episode).FirstOrDefault();
        if (previous?.Episode is not { } since)
        {
            return c.Episode;
        }

        var waiting = catalog.Get(c.ProcedureCode).States.Where(s => s.WaitsOnRequester).Select(s => s.Name).ToList();
        var left = await db.AuditEntries.AsNoTracking().AnyAsync(a => a.RequestId == c.Id && a.Kind == AuditKind.Transition
            && a.At > since && a.FromState == c.State && !waiting.Contains(a.ToState!), cancellationToken);
        return left ? c.Episode : since;
    }

    private async Task<Letter> LetterAsync(Candidate c, int level, Role head, long person, DateTimeOffset now, Dictionary<long, string> names, CancellationToken cancellationToken)
    {
        var name = await NameAsync(person, names, cancellationToken);
        var assignee = c.AssigneeId is { } a ? await NameAsync(a, names, cancellationToken) : null;
        var late = SpanishText.BusinessHours(calendar.BusinessTimeBetween(c.Due, now));
        var procedure = catalog.Get(c.ProcedureCode).Name;
        var what = c.IsVisit
            ? $"La visita de mantenimiento {c.Number} a {c.Unit} estaba programada para el {SpanishText.DateTime(c.Episode, calendar.TimeZone)} y no se ha registrado como realizada (estado «{c.State}»); el plazo venció hace {late}."
            : $"La solicitud {c.Number} «{c.Title}» ({procedure}) sigue en «{c.State}»: su plazo venció el {SpanishText.DateTime(c.Due, calendar.TimeZone)}, hace {late}.";
        var (subject, ask) = level switch
        {
            1 => ($"[{c.Number}] Plazo vencido: {c.Title}",
                c.AssigneeId == person
                    ? "Usted es la persona responsable: atiéndala o registre la causa del atraso."
                    : "La solicitud no tiene responsable asignado: asígnela o atiéndala."),
            2 => ($"[{c.Number}] Escalamiento a {head.ToSpanish()}: {c.Title}",
                (assignee is null ? "No tiene responsable asignado." : $"Se avisó a {assignee}, responsable.")
                + $" Como {head.ToSpanish()}, dé seguimiento o reasígnela."),
            _ => ($"[{c.Number}] Escalamiento a la Dirección: {c.Title}",
                (assignee is null ? "No tiene responsable asignado" : $"Se avisó a {assignee}, responsable,")
                + $" y a {head.ToSpanish()}, sin que avanzara."),
        };
        return new Letter(person, subject, SpanishText.Letter(name, $"{what}\n\n{ask}"));
    }

    private async Task<string> NameAsync(long person, Dictionary<long, string> names, CancellationToken cancellationToken)
    {
        if (!names.TryGetValue(person, out var name))
        {
            name = await db.People.AsNoTracking().Where(p => p.Id == person).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "?";
            names[person] = name;
        }

        return name;
    }

    private sealed record Candidate(
        long Id, string Number, string Title, string ProcedureCode, string State, long? AssigneeId, string? Unit, DateTimeOffset Due, DateTimeOffset Episode, bool IsVisit);

    private sealed record Recorded(long RequestId, string? State, DateTimeOffset? Episode, int Level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation scan: {Candidates} overdue, {Sent} threshold notice(s) recorded")]
    private static partial void LogScan(ILogger logger, int candidates, int sent);
}
