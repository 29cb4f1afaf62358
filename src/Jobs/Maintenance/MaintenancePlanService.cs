using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduled;
using SosepBot.Core.Units;

namespace SosepBot.Jobs.Maintenance;

/// <summary>
/// Draws up, lists, changes and ends the recurring visits of a DS-UI-03 calendar. Drawn up and changed by whoever may
/// open a visit (Director, Técnico, Asistente of the IT unit); seen by IT staff. Refusals are
/// <see cref="DomainException"/>s and change nothing.
/// </summary>
public sealed class MaintenancePlanService(SosepDbContext db, ProcedureCatalog catalog, TimeProvider time)
{
    public async Task<MaintenancePlan> AddAsync(Actor actor, NewMaintenancePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(plan);
        EnsureMayChange(actor);
        var number = RequestNumbers.Normalize(plan.CalendarNumber);
        var calendar = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
        if (calendar is null || calendar.ProcedureCode != ProcedureCodes.MantenimientoPreventivo)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.NoSuchCalendar(number)) { Field = "calendario" };
        }

        if (catalog.Get(calendar.ProcedureCode).IsFinal(calendar.State))
        {
            throw new DomainException(ErrorKind.InvalidState, JobTexts.CalendarConcluded(number, calendar.State));
        }

        var unit = await UnitAsync(plan.UnitId, plan.Unit, cancellationToken);
        var horizon = Horizon(plan.HorizonDays);
        var contact = string.IsNullOrWhiteSpace(plan.ContactEmail) ? null : await PersonAsync(plan.ContactEmail, "contacto", cancellationToken);
        var technician = await TechnicianAsync(plan.TechnicianEmail, cancellationToken);
        var (rule, first) = Rule(plan.Rule, plan.FirstVisitLocal);
        var entity = new MaintenancePlan
        {
            CalendarId = calendar.Id,
            Unit = unit.Name,
            UnitId = unit.Id,
            ContactId = contact?.Id ?? unit.HeadId ?? actor.PersonId,
            TechnicianId = technician.Id,
            CreatedById = actor.PersonId,
            Rule = rule,
            FirstVisitLocal = first,
            HorizonDays = horizon,
            CreatedAt = time.GetUtcNow(),
        };
        db.MaintenancePlans.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return entity;
    }

    public async Task<IReadOnlyList<MaintenancePlanView>> ListAsync(Actor actor, bool activeOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureItStaff("consulta los planes de mantenimiento preventivo");
        var plans = await db.MaintenancePlans.AsNoTracking().Where(p => !activeOnly || p.IsActive).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return await ViewsAsync(plans, cancellationToken);
    }

    public async Task<MaintenancePlanView> GetAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureItStaff("consulta los planes de mantenimiento preventivo");
        var plan = await db.MaintenancePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw NotFound(id);
        return (await ViewsAsync([plan], cancellationToken))[0];
    }

    /// <summary>Changes an active plan. Visits already created stay as they are; the next run creates those of the new rule.</summary>
    public async Task<MaintenancePlanView> UpdateAsync(Actor actor, long id, MaintenancePlanChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        EnsureMayChange(actor);
        try
        {
            var plan = await db.MaintenancePlans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw NotFound(id);
            if (!plan.IsActive)
            {
                throw new DomainException(ErrorKind.InvalidState, JobTexts.PlanEnded(id));
            }

            if (change.UnitId is not null || !string.IsNullOrWhiteSpace(change.Unit))
            {
                var unit = await UnitAsync(change.UnitId, change.Unit, cancellationToken);
                (plan.UnitId, plan.Unit) = (unit.Id, unit.Name);
            }

            if (change.ContactEmail is { } contact)
            {
                var headId = plan.UnitId is { } unitId
                    ? await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.HeadId).FirstOrDefaultAsync(cancellationToken)
                    : null;
                plan.ContactId = contact.Trim().Length == 0 ? headId ?? plan.CreatedById : (await PersonAsync(contact, "contacto", cancellationToken)).Id;
            }

            if (change.TechnicianEmail is { } technician)
            {
                plan.TechnicianId = (await TechnicianAsync(technician, cancellationToken)).Id;
            }

            if (change.HorizonDays is { } horizon)
            {
                plan.HorizonDays = Horizon(horizon);
            }

            if (change.Rule is not null || change.FirstVisitLocal is not null)
            {
                (plan.Rule, plan.FirstVisitLocal) = Rule(change.Rule ?? plan.Rule, change.FirstVisitLocal ?? plan.FirstVisitLocal);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Ends the plan: no more visits are created from it (those created stay, to be done or marked as not done).</summary>
    public async Task<MaintenancePlanView> EndAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureMayChange(actor);
        var ended = await db.MaintenancePlans.Where(p => p.Id == id && p.IsActive)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false).SetProperty(p => p.EndedAt, time.GetUtcNow()), cancellationToken);
        if (ended == 0)
        {
            throw await db.MaintenancePlans.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken)
                ? new DomainException(ErrorKind.InvalidState, JobTexts.PlanAlreadyEnded(id))
                : NotFound(id);
        }

        return await GetAsync(actor, id, cancellationToken);
    }

    private void EnsureMayChange(Actor actor)
    {
        var visit = catalog.Get(ProcedureCodes.VisitaMantenimiento);
        if (!visit.OpenedBy.Any(actor.Holds))
        {
            throw new DomainException(ErrorKind.Forbidden, JobTexts.OnlyStaffPlansVisits);
        }
    }

    private async Task<Unit> UnitAsync(long? id, string? name, CancellationToken cancellationToken)
    {
        if (id is null && string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.VisitUnit) { Field = "unidad" };
        }

        return await UnitService.RequireAsync(db, id, name, "unidad", cancellationToken);
    }

    private static int Horizon(int days) => days is < 1 or > 366
        ? throw new DomainException(ErrorKind.Invalid, JobTexts.HorizonRange) { Field = "horizonte" }
        : days;

    private static (string Rule, DateTime First) Rule(string? text, DateTime firstVisitLocal)
    {
        var rule = MaintenanceRecurrence.Parse(text ?? string.Empty).ToString() ?? text ?? string.Empty;
        var first = DateTime.SpecifyKind(firstVisitLocal, DateTimeKind.Unspecified);
        if (first == default)
        {
            throw new DomainException(ErrorKind.Invalid, JobTexts.FirstVisitNeeded) { Field = "primeraVisita" };
        }

        if (MaintenanceRecurrence.Between(rule, first, first, first.AddYears(2)).Count == 0)
        {
            throw new DomainException(ErrorKind.Invalid, JobTexts.RuleWithoutVisits(rule)) { Field = "regla" };
        }

        return (rule, first);
    }

    private async Task<Person> TechnicianAsync(string? email, CancellationToken cancellationToken)
    {
        var technician = await PersonAsync(email, "tecnico", cancellationToken);
        return technician.Holds(Role.Technician)
            ? technician
            : throw new DomainException(ErrorKind.Invalid, JobTexts.NotATechnician(technician.DisplayName, Role.Technician.ToSpanish())) { Field = "tecnico" };
    }

    private async Task<Person> PersonAsync(string? email, string field, CancellationToken cancellationToken)
    {
        string normalized;
        try
        {
            normalized = PeopleService.NormalizeEmail(email ?? string.Empty);
        }
        catch (DomainException e)
        {
            throw new DomainException(ErrorKind.Invalid, e.Message) { Field = field };
        }

        return await db.People.AsNoTracking().Include(p => p.Roles)
            .FirstOrDefaultAsync(p => p.Email == normalized && p.IsActive, cancellationToken)
            ?? throw new DomainException(ErrorKind.Invalid, JobTexts.NobodyActiveWithEmail(normalized)) { Field = field };
    }

    private async Task<IReadOnlyList<MaintenancePlanView>> ViewsAsync(List<MaintenancePlan> plans, CancellationToken cancellationToken)
    {
        var personIds = plans.SelectMany(p => new[] { p.ContactId, p.TechnicianId, p.CreatedById }).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new PersonRef(p.Id, p.DisplayName, p.Email), cancellationToken);
        var calendarIds = plans.Select(p => p.CalendarId).Distinct().ToList();
        var calendars = await db.Requests.AsNoTracking().Where(r => calendarIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Number, cancellationToken);
        var planIds = plans.Select(p => p.Id).ToList();
        var visits = await db.MaintenancePlanVisits.AsNoTracking().Where(v => planIds.Contains(v.PlanId))
            .GroupBy(v => v.PlanId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return plans.Select(p => new MaintenancePlanView(
            p.Id,
            calendars.GetValueOrDefault(p.CalendarId) ?? "?",
            p.UnitId,
            p.Unit,
            people[p.ContactId],
            people[p.TechnicianId],
            people[p.CreatedById],
            p.Rule,
            p.FirstVisitLocal,
            p.HorizonDays,
            p.IsActive,
            p.CreatedAt,
            p.EndedAt,
            visits.GetValueOrDefault(p.Id))).ToList();
    }

    private static DomainException NotFound(long id) => new(ErrorKind.NotFound, JobTexts.NoSuchPlan(id));
}
