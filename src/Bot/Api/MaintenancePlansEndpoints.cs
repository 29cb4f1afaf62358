using SosepBot.Bot.Auth;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Jobs.Maintenance;

namespace SosepBot.Bot.Api;

/// <summary>DS-UI-03's recurring visits: IT staff list them; the Director, the Técnico and the Asistente draw them up, change and end them.</summary>
public static class MaintenancePlansEndpoints
{
    public static IEndpointRouteBuilder MapMaintenancePlans(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/maintenance/plans").RequireAuthorization().WithTags("Mantenimiento preventivo");

        api.MapGet("/", async (bool? active, HttpContext http, PeopleService people, MaintenancePlanService plans) =>
            await plans.ListAsync(await http.ActorAsync(people), active ?? false, http.RequestAborted));

        api.MapGet("/{id:long}", async (long id, HttpContext http, PeopleService people, MaintenancePlanService plans) =>
            await plans.GetAsync(await http.ActorAsync(people), id, http.RequestAborted));

        api.MapPost("/", async (MaintenancePlanBody? body, HttpContext http, PeopleService people, MaintenancePlanService plans) =>
        {
            var actor = await http.ActorAsync(people);
            if (body is null || string.IsNullOrWhiteSpace(body.CalendarNumber))
            {
                throw new DomainException(ErrorKind.Invalid, ApiTexts.CalendarNeeded) { Field = "calendarNumber" };
            }

            if (body.FirstVisit is null)
            {
                throw new DomainException(ErrorKind.Invalid, ApiTexts.FirstVisitNeeded) { Field = "firstVisit" };
            }

            var plan = await plans.AddAsync(actor, new NewMaintenancePlan
            {
                CalendarNumber = body.CalendarNumber,
                UnitId = body.UnitId,
                Unit = body.Unit,
                ContactEmail = body.ContactEmail,
                TechnicianEmail = body.TechnicianEmail ?? string.Empty,
                Rule = body.Rule ?? string.Empty,
                FirstVisitLocal = body.FirstVisit.Value,
                HorizonDays = body.HorizonDays ?? 60,
            }, http.RequestAborted);
            return Results.Created($"/api/maintenance/plans/{plan.Id}", await plans.GetAsync(actor, plan.Id, http.RequestAborted));
        });

        api.MapPut("/{id:long}", async (long id, MaintenancePlanBody? body, HttpContext http, PeopleService people, MaintenancePlanService plans) =>
        {
            var actor = await http.ActorAsync(people);
            body ??= new MaintenancePlanBody(null, null, null, null, null, null, null, null);
            return await plans.UpdateAsync(actor, id, new MaintenancePlanChange
            {
                UnitId = body.UnitId,
                Unit = body.Unit,
                ContactEmail = body.ContactEmail,
                TechnicianEmail = body.TechnicianEmail,
                Rule = body.Rule,
                FirstVisitLocal = body.FirstVisit,
                HorizonDays = body.HorizonDays,
            }, http.RequestAborted);
        });

        api.MapPost("/{id:long}/end", async (long id, HttpContext http, PeopleService people, MaintenancePlanService plans) =>
            await plans.EndAsync(await http.ActorAsync(people), id, http.RequestAborted));

        return app;
    }
}
