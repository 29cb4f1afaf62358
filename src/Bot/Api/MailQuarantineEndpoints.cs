using SosepBot.Bot.Auth;
using SosepBot.Core.Errors;
using SosepBot.Core.Mail;
using SosepBot.Core.People;
using SosepBot.Mailbox.Quarantine;

namespace SosepBot.Bot.Api;

/// <summary>The mail quarantine for IT staff: list held mail with its reason, release or discard it.</summary>
public static class MailQuarantineEndpoints
{
    public static IEndpointRouteBuilder MapMailQuarantine(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/mail/quarantine").RequireAuthorization().WithTags("Correo");

        api.MapGet("/", async (HttpContext http, PeopleService people, QuarantineService quarantine, string? status) =>
        {
            var actor = await http.ActorAsync(people);
            QuarantineStatus? filter = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                filter = Enum.TryParse<QuarantineStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s)
                    ? s
                    : throw new DomainException(ErrorKind.Invalid, ApiTexts.QuarantineStatus) { Field = "status" };
            }

            return await quarantine.ListAsync(actor, filter, http.RequestAborted);
        });

        api.MapPost("/{id:long}/release", async (long id, HttpContext http, PeopleService people, QuarantineService quarantine) =>
            await quarantine.ReleaseAsync(await http.ActorAsync(people), id, http.RequestAborted));

        api.MapPost("/{id:long}/discard", async (long id, HttpContext http, PeopleService people, QuarantineService quarantine) =>
            await quarantine.DiscardAsync(await http.ActorAsync(people), id, http.RequestAborted));

        return app;
    }
}
