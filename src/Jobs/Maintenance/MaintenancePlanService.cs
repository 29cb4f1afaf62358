using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduled;

namespace SosepBot.Jobs.Maintenance;

/// <summary>Draws up recurring visits of a DS-UI-03 calendar. Refusals are <see cref="DomainException"/>s and change nothing.</summary>
public sealed class MaintenancePlanService(SosepDbContext db, ProcedureCatalog catalog, TimeProvider time)
{
    public async Task<MaintenancePlan> AddAsync(Actor actor, NewMaintenancePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(plan);
        var visit = catalog.Get(ProcedureCodes.VisitaMantenimiento);
        if (!visit.OpenedBy.Any(actor.Holds))
        {
            throw new DomainException(ErrorKind.Forbidden, "Solo el Director, el Técnico o la Asistente de la Unidad de Informática programan visitas de mantenimiento.");
        }

        var number = RequestService.NormalizeNumber(plan.CalendarNumber);
        var calendar = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
        if (calendar is null || calendar.ProcedureCode != ProcedureCodes.MantenimientoPreventivo)
        {
            throw new DomainException(ErrorKind.NotFound, $"No existe la calendarización {number}.") { Field = "calendario" };
        }

        if (catalog.Get(calendar.ProcedureCode).IsFinal(calendar.State))
        {
            throw new DomainException(ErrorKind.InvalidState, $"La calendarización {number} ya concluyó («{calendar.State}»).");
        }

        var unit = (plan.Unit ?? string.Empty).Trim();
        if (unit.Length is 0 or > 200)
        {
            throw new DomainException(ErrorKind.Invalid, "Indique la unidad que se visitará (máximo 200 caracteres).") { Field = "unidad" };
        }

        if (plan.HorizonDays is < 1 or > 366)
        {
            throw new DomainException(ErrorKind.Invalid, "El horizonte de programación va de 1 a 366 días.") { Field = "horizonte" };
        }

        var contact = await PersonAsync(plan.ContactEmail, "contacto", cancellationToken);
        var technician = await PersonAsync(plan.TechnicianEmail, "tecnico", cancellationToken);
        if (!technician.Holds(Role.Technician))
        {
            throw new DomainException(ErrorKind.Invalid, $"{technician.DisplayName} no tiene el rol {Role.Technician.ToSpanish()}.") { Field = "tecnico" };
        }

        var rule = MaintenanceRecurrence.Parse(plan.Rule).ToString() ?? plan.Rule;
        var first = DateTime.SpecifyKind(plan.FirstVisitLocal, DateTimeKind.Unspecified);
        if (MaintenanceRecurrence.Between(rule, first, first, first.AddYears(2)).Count == 0)
        {
            throw new DomainException(ErrorKind.Invalid, $"La regla «{rule}» no produce ninguna visita en los próximos dos años.") { Field = "regla" };
        }

        var entity = new MaintenancePlan
        {
            CalendarId = calendar.Id,
            Unit = unit,
            ContactId = contact.Id,
            TechnicianId = technician.Id,
            CreatedById = actor.PersonId,
            Rule = rule,
            FirstVisitLocal = first,
            HorizonDays = plan.HorizonDays,
            CreatedAt = time.GetUtcNow(),
        };
        db.MaintenancePlans.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return entity;
    }

    private async Task<Person> PersonAsync(string? email, string field, CancellationToken cancellationToken)
    {
        var normalized = PeopleService.NormalizeEmail(email ?? string.Empty);
        return await db.People.AsNoTracking().Include(p => p.Roles)
            .FirstOrDefaultAsync(p => p.Email == normalized && p.IsActive, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, $"No hay ninguna persona activa registrada con el correo {normalized}.") { Field = field };
    }
}
