using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduled;
using SosepBot.Core.Scheduling;
using SosepBot.Jobs.Notices;

namespace SosepBot.Jobs.Maintenance;

/// <summary>
/// DS-UI-03 on a schedule: creates the visits of recurring plans ahead of time (once per occurrence), tells
/// each unit of its visit once the calendar is approved and in execution (the visit's "notificar", in the
/// name of whoever fired "notificar-unidades"), and sends the reminders: to the unit a number of business
/// days before the visit (its head, its contacts and its shared mailbox), to the technician on the day. Safe to run twice, on several instances, or again
/// after a restart in the middle of a run.
/// </summary>
public sealed partial class MaintenanceJob(
    SosepDbContext db,
    RequestOpening opening,
    RequestActions actions,
    NoticeWriter notices,
    BusinessCalendar calendar,
    IOptions<MaintenanceOptions> options,
    TimeProvider time,
    ILogger<MaintenanceJob> logger)
{
    public const string UnitReminder = "recordatorio-unidad";
    public const string TechnicianReminder = "recordatorio-tecnico";

    private const string Visit = ProcedureCodes.VisitaMantenimiento;
    private static readonly string[] ToNotify = ["Programada", "Reprogramada"];

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<MaintenanceRun> RunAsync(CancellationToken cancellationToken)
    {
        var created = await CreatePlannedVisitsAsync(cancellationToken);
        var notified = await NotifyVisitsAsync(cancellationToken);
        var reminded = await SendRemindersAsync(cancellationToken);
        LogRun(logger, created, notified, reminded);
        return new MaintenanceRun(created, notified, reminded);
    }

    /// <summary>Creates the visits of active plans within their horizon; returns how many were created.</summary>
    public async Task<int> CreatePlannedVisitsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowLocal = Local(now);
        var parentStates = new[] { "Borrador", "Observado", "En ejecución" };
        var plans = await (from p in db.MaintenancePlans.AsNoTracking()
                           join c in db.Requests.AsNoTracking() on p.CalendarId equals c.Id
                           where p.IsActive && parentStates.Contains(c.State)
                           select new { Plan = p, c.Number }).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var item in plans)
        {
            var plan = item.Plan;
            var from = plan.FirstVisitLocal > nowLocal ? plan.FirstVisitLocal : nowLocal;
            var occurrences = MaintenanceRecurrence.Between(plan.Rule, plan.FirstVisitLocal, from, nowLocal.AddDays(plan.HorizonDays));
            if (occurrences.Count == 0)
            {
                continue;
            }

            var done = (await db.MaintenancePlanVisits.AsNoTracking().Where(v => v.PlanId == plan.Id)
                .Select(v => v.OccurrenceLocal).ToListAsync(cancellationToken)).ToHashSet();
            var unitName = plan.UnitId is { } unitId
                ? await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken)
                : null;
            var requesterId = plan.ContactId;
            var people = await db.People.AsNoTracking().Include(p => p.Roles)
                .Where(p => p.Id == plan.CreatedById || p.Id == requesterId || p.Id == plan.TechnicianId)
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            var actor = PeopleService.ActorOf(people.GetValueOrDefault(plan.CreatedById), Channel.System);
            if (actor is null || !people.ContainsKey(requesterId) || !people.ContainsKey(plan.TechnicianId))
            {
                LogPlanBroken(logger, plan.Id);
                continue;
            }

            foreach (var occurrence in occurrences.Where(o => !done.Contains(o)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await CreateVisitAsync(plan, unitName ?? plan.Unit, item.Number, occurrence, actor, people[plan.TechnicianId].Email, people[requesterId].Email, cancellationToken))
                {
                    created++;
                }
            }
        }

        return created;
    }

    /// <summary>Fires "notificar" on visits waiting for it whose calendar is in execution; returns how many.</summary>
    public async Task<int> NotifyVisitsAsync(CancellationToken cancellationToken)
    {
        var pending = await (from v in db.Requests.AsNoTracking()
                             join c in db.Requests.AsNoTracking() on v.ParentId equals c.Id
                             where v.ProcedureCode == Visit && ToNotify.Contains(v.State) && c.State == "En ejecución"
                             orderby v.Id
                             select new { v.Number, v.Unit, v.ScheduledFor, v.AssigneeId, CalendarId = c.Id }).ToListAsync(cancellationToken);
        var notified = 0;
        foreach (var visit in pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var notifierId = await db.AuditEntries.AsNoTracking()
                .Where(a => a.RequestId == visit.CalendarId && a.Action == "notificar-unidades")
                .OrderByDescending(a => a.Id).Select(a => a.ActorId).FirstOrDefaultAsync(cancellationToken);
            var person = notifierId is null ? null
                : await db.People.AsNoTracking().Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == notifierId, cancellationToken);
            var actor = PeopleService.ActorOf(person, Channel.System);
            if (actor is null)
            {
                LogNoNotifier(logger, visit.Number);
                continue;
            }

            var technician = visit.AssigneeId is { } t
                ? await db.People.AsNoTracking().Where(p => p.Id == t).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken)
                : null;
            var when = visit.ScheduledFor is { } s ? SpanishText.DateTime(s, calendar.TimeZone) : "fecha por confirmar";
            try
            {
                await actions.FireAsync(actor, visit.Number, "notificar", new ActionInput
                {
                    Text = $"Visita de mantenimiento preventivo a {visit.Unit}: {when}" + (technician is null ? "." : $", con {technician}."),
                }, cancellationToken);
                notified++;
            }
            catch (DomainException e)
            {
                // Somebody else notified it first, or the notifier lost the role: nothing was changed.
                LogNotifyRefused(logger, visit.Number, e.Kind);
            }
        }

        return notified;
    }

    /// <summary>Queues the reminders that are due; returns how many notices were recorded.</summary>
    public async Task<int> SendRemindersAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var visits = await (from v in db.Requests.AsNoTracking()
                            join c in db.Requests.AsNoTracking() on v.ParentId equals c.Id
                            where v.ProcedureCode == Visit && v.State == "Notificada" && c.State == "En ejecución"
                                  && v.ScheduledFor != null && v.ScheduledFor > now
                            select new { v.Id, v.Number, v.Title, v.Unit, v.UnitId, ScheduledFor = v.ScheduledFor!.Value, v.RequesterId, v.AssigneeId })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var v in visits)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (unitAt, technicianAt) = ReminderTimes(v.ScheduledFor, o);
            var ticks = v.ScheduledFor.UtcTicks.ToString(CultureInfo.InvariantCulture);
            var when = SpanishText.DateTime(v.ScheduledFor, calendar.TimeZone);
            if (now >= unitAt)
            {
                var key = $"{UnitReminder}:{v.Id}:{ticks}";
                if (!await notices.ExistsAsync(key, cancellationToken))
                {
                    var (recipients, mailbox) = await UnitRecipientsAsync(v.UnitId, v.RequesterId, cancellationToken);
                    var subject = $"[{v.Number}] Recordatorio: visita de mantenimiento preventivo el {when}";
                    var body = $"Le recordamos que el {when} un técnico de la Unidad de Informática visitará {v.Unit} para el mantenimiento preventivo "
                        + "del equipo de cómputo (limpieza de teclado, mouse, monitor y CPU).\n\n"
                        + "Por favor tenga el equipo disponible. Al terminar, se le pedirá firmar el formulario de conformidad del mantenimiento.\n"
                        + $"Si la fecha no le conviene, responda a este mensaje indicando la solicitud {v.Number}.";
                    var letters = new List<Letter>();
                    foreach (var (id, name) in recipients)
                    {
                        letters.Add(new Letter(id, subject, SpanishText.Letter(name, body)));
                    }

                    MailboxLetter[] mail = mailbox is null ? [] : [new MailboxLetter(mailbox, subject, SpanishText.Letter(v.Unit ?? "equipo", body))];
                    sent += await notices.WriteAsync(new JobNotice { Key = key, Kind = UnitReminder, RequestId = v.Id }, letters, mail, v.Number, cancellationToken) ? 1 : 0;
                }
            }

            if (now >= technicianAt && v.AssigneeId is { } technician)
            {
                var name = await NameAsync(technician, cancellationToken);
                sent += await RemindAsync($"{TechnicianReminder}:{v.Id}:{ticks}", TechnicianReminder, v.Id, v.Number, new Letter(technician,
                    $"[{v.Number}] Hoy: mantenimiento preventivo en {v.Unit}",
                    SpanishText.Letter(name,
                        $"Hoy, {when}, tiene programada la visita de mantenimiento preventivo {v.Number} a {v.Unit}.\n\n"
                        + "Al terminar, registre la visita realizada (teclado, mouse, monitor y CPU) y entregue el formulario de conformidad firmado por el usuario.")), cancellationToken);
            }
        }

        return sent;
    }

    /// <summary>When the unit's and the technician's reminders of a visit are due.</summary>
    public (DateTimeOffset Unit, DateTimeOffset Technician) ReminderTimes(DateTimeOffset scheduledFor, MaintenanceOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var day = DateOnly.FromDateTime(Local(scheduledFor));
        var atReminderTime = new DateTimeOffset(day.ToDateTime(o.ReminderTime), calendar.TimeZone.GetUtcOffset(day.ToDateTime(o.ReminderTime)));
        var unit = calendar.AddBusinessDays(atReminderTime, -o.UnitReminderBusinessDays);
        var technician = atReminderTime < scheduledFor ? atReminderTime : scheduledFor;
        return (unit < scheduledFor ? unit : scheduledFor, technician);
    }

    private async Task<int> RemindAsync(string key, string kind, long requestId, string number, Letter letter, CancellationToken cancellationToken)
    {
        if (await notices.ExistsAsync(key, cancellationToken))
        {
            return 0;
        }

        return await notices.WriteAsync(new JobNotice { Key = key, Kind = kind, RequestId = requestId }, [letter], number, cancellationToken) ? 1 : 0;
    }

    private async Task<bool> CreateVisitAsync(
        MaintenancePlan plan, string unitName, string calendarNumber, DateTime occurrence, Actor actor, string technician, string requester, CancellationToken cancellationToken)
    {
        var scheduled = new DateTimeOffset(occurrence, calendar.TimeZone.GetUtcOffset(occurrence)).ToUniversalTime();
        try
        {
            // The visit and the occurrence row commit together: (plan, occurrence) is unique, so a second run or
            // instance rolls back its visit instead of creating a duplicate.
            await db.InTransactionAsync(async ct =>
            {
                var visit = await opening.OpenAsync(actor, new NewRequest
                {
                    ProcedureCode = Visit,
                    Title = $"Mantenimiento preventivo — {unitName}",
                    ParentNumber = calendarNumber,
                    Unit = plan.Unit,
                    UnitId = plan.UnitId,
                    ScheduledFor = scheduled,
                    AssigneeEmail = technician,
                    RequesterEmail = requester,
                    Channel = Channel.System,
                }, ct);
                var visitId = visit.Id;
                db.MaintenancePlanVisits.Add(new MaintenancePlanVisit
                {
                    PlanId = plan.Id,
                    OccurrenceLocal = occurrence,
                    VisitId = visitId,
                    CreatedAt = time.GetUtcNow(),
                });
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        catch (DomainException e)
        {
            LogPlanVisitRefused(logger, plan.Id, e.Kind);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Who is told of a visit to a unit: its head and contacts who are active, and its shared mailbox; the visit's
    /// requester when the unit has nobody (or the visit names no registered unit).
    /// </summary>
    private async Task<(List<(long Id, string Name)> People, string? Mailbox)> UnitRecipientsAsync(long? unitId, long requesterId, CancellationToken cancellationToken)
    {
        var unit = unitId is { } id
            ? await db.Units.AsNoTracking().Include(u => u.Contacts).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : null;
        var ids = unit is null ? [] : unit.Contacts.Select(c => c.PersonId).Prepend(unit.HeadId ?? 0).Where(i => i != 0).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsActive)
            .Select(p => new { p.Id, p.DisplayName }).ToListAsync(cancellationToken);
        var found = ids.Where(i => people.Exists(p => p.Id == i)).Select(i => (i, people.First(p => p.Id == i).DisplayName)).ToList();
        if (found.Count == 0 && unit?.SharedMailbox is null)
        {
            found.Add((requesterId, await NameAsync(requesterId, cancellationToken)));
        }

        return (found, unit?.SharedMailbox);
    }

    private async Task<string> NameAsync(long personId, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "equipo";

    private DateTime Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, calendar.TimeZone).DateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance: {Created} visit(s) created from plans, {Notified} unit(s) notified, {Reminded} reminder(s) queued")]
    private static partial void LogRun(ILogger logger, int created, int notified, int reminded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance plan {PlanId}: its author, contact or technician is no longer active; no visits created")]
    private static partial void LogPlanBroken(ILogger logger, long planId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance plan {PlanId}: visit refused ({Kind})")]
    private static partial void LogPlanVisitRefused(ILogger logger, long planId, ErrorKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Visit {Number}: nobody active fired notificar-unidades on its calendar; the unit is not notified automatically")]
    private static partial void LogNoNotifier(ILogger logger, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Visit {Number}: automatic notice refused ({Kind})")]
    private static partial void LogNotifyRefused(ILogger logger, string number, ErrorKind kind);
}
