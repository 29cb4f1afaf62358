using SosepBot.Bot.Auth;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;

namespace SosepBot.Bot.Api;

/// <summary>Undelivered notices for IT staff: list the dead letters with their last error, put one back in the queue.</summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/outbox").RequireAuthorization().WithTags("Avisos");

        api.MapGet("/dead-letters", async (HttpContext http, PeopleService people, DeadLetters dead) =>
            await dead.ListAsync(await http.ActorAsync(people), http.RequestAborted));

        api.MapGet("/waiting", async (HttpContext http, PeopleService people, DeadLetters dead) =>
            await dead.AwaitingChannelAsync(await http.ActorAsync(people), http.RequestAborted));

        api.MapPost("/dead-letters/{id:long}/retry", async (long id, HttpContext http, PeopleService people, DeadLetters dead) =>
            await dead.RetryAsync(await http.ActorAsync(people), id, http.RequestAborted));

        return app;
    }
}
