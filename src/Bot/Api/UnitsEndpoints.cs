using SosepBot.Bot.Auth;
using SosepBot.Bot.Hosting;
using SosepBot.Core.People;
using SosepBot.Core.Units;

namespace SosepBot.Bot.Api;

/// <summary>SOSEP's units: read by anybody registered; added and changed by the administrator, the IT director and the assistant.</summary>
public static class UnitsEndpoints
{
    public static IEndpointRouteBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/units").RequireAuthorization().WithTags("Unidades");

        api.MapGet("/", async (HttpContext http, PeopleService people, UnitService units) =>
        {
            await http.ActorAsync(people);
            return await units.ListAsync(http.RequestAborted);
        });

        api.MapGet("/{id:long}", async (long id, HttpContext http, PeopleService people, UnitService units) =>
        {
            await http.ActorAsync(people);
            return await units.GetAsync(id, http.RequestAborted);
        });

        api.MapPost("/", async (UnitBody? body, HttpContext http, PeopleService people, UnitService units) =>
        {
            UnitService.EnsureMayChange(await http.ActorAsync(people));
            var created = await units.CreateAsync(Input(body), http.RequestAborted);
            return Results.Created($"/api/units/{created.Id}", created);
        }).WithBodyLimit(BodyLimits.ListBytes);

        api.MapPut("/{id:long}", async (long id, UnitBody? body, HttpContext http, PeopleService people, UnitService units) =>
        {
            UnitService.EnsureMayChange(await http.ActorAsync(people));
            return await units.UpdateAsync(id, Input(body), http.RequestAborted);
        }).WithBodyLimit(BodyLimits.ListBytes);

        api.MapPost("/{id:long}/contacts", async (long id, UnitContactBody? body, HttpContext http, PeopleService people, UnitService units) =>
        {
            UnitService.EnsureMayChange(await http.ActorAsync(people));
            return await units.AddContactAsync(id, body?.Email ?? string.Empty, http.RequestAborted);
        });

        api.MapDelete("/{id:long}/contacts/{email}", async (long id, string email, HttpContext http, PeopleService people, UnitService units) =>
        {
            UnitService.EnsureMayChange(await http.ActorAsync(people));
            return await units.RemoveContactAsync(id, email, http.RequestAborted);
        });

        return app;
    }

    private static UnitInput Input(UnitBody? body) => body is null
        ? new UnitInput()
        : new UnitInput
        {
            Name = body.Name,
            Kind = body.Kind,
            Department = body.Department,
            HeadEmail = body.HeadEmail,
            Contacts = body.Contacts,
            SharedMailbox = body.SharedMailbox,
        };
}
