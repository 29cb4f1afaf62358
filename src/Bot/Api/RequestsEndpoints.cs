using Microsoft.Extensions.Options;
using SosepBot.Bot.Auth;
using SosepBot.Bot.Hosting;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Bot.Api;

/// <summary>The requests API over the request services (<see cref="RequestQueries"/>, <see cref="RequestOpening"/>, <see cref="RequestActions"/>, <see cref="RequestFiles"/>), the same the channels use.</summary>
public static class RequestsEndpoints
{
    public static IEndpointRouteBuilder MapRequests(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Solicitudes");

        api.MapGet("/me", async (HttpContext http, PeopleService people) =>
        {
            var actor = await http.ActorAsync(people);
            var roles = actor.Roles.Order().ToList();
            var person = await people.FindAsync(actor.PersonId, http.RequestAborted);
            return new MeResponse(actor.PersonId, actor.DisplayName, roles.Select(r => r.ToString()).ToList(), roles.Select(r => r.ToSpanish()).ToList(),
                (person?.Notices ?? NoticeMode.Immediate).ToSpanish());
        });

        // What waits on the caller now (the same rule as the «Le espera» notices), overdue first.
        api.MapGet("/me/pending", async (HttpContext http, PeopleService people, RequestQueries queries, int? skip, int? take) =>
            (await queries.WaitingOnAsync(await http.ActorAsync(people), skip ?? 0, take ?? 100, http.RequestAborted)).Items);

        // How the caller hears of work that waits on them: {"mode":"inmediatos"|"solo-resumen"}.
        api.MapPut("/me/notices", async (HttpContext http, PeopleService people, NoticesBody body) =>
        {
            var actor = await http.ActorAsync(people);
            var person = await people.SetNoticesAsync(actor.PersonId, body.Mode ?? string.Empty, http.RequestAborted);
            return new NoticesResponse(person.Notices.ToSpanish(), person.Notices.Describe());
        });

        api.MapGet("/attachment-kinds", () =>
            Enum.GetValues<AttachmentKind>().Select(k => new AttachmentKindInfo(k, k.ToSpanish())).ToList());

        api.MapPost("/requests", async (CreateRequestBody? body, HttpContext http, PeopleService people, RequestOpening opening) =>
        {
            var actor = await http.ActorAsync(people);
            if (body is null || string.IsNullOrWhiteSpace(body.Procedure))
            {
                throw new DomainException(ErrorKind.Invalid, ApiTexts.ProcedureAndTitle) { Field = "procedure" };
            }

            var opened = await opening.OpenAsync(actor, new NewRequest
            {
                ProcedureCode = body.Procedure.Trim(),
                Title = body.Title ?? string.Empty,
                Description = body.Description,
                RequesterEmail = body.RequesterEmail,
                ParentNumber = body.ParentNumber,
                Form = body.Form,
                Equipment = body.Equipment,
                Priority = body.Priority,
                Unit = body.Unit,
                UnitId = body.UnitId,
                ScheduledFor = body.ScheduledFor,
                AssigneeEmail = body.AssigneeEmail,
                Channel = body.Channel,
            }, http.RequestAborted);
            return Results.Created($"/api/requests/{opened.Number}", opened.Details);
        }).WithBodyLimit(BodyLimits.TextBytes);

        api.MapGet("/requests", async (HttpContext http, PeopleService people, RequestQueries queries, [AsParameters] RequestListParameters query) =>
            await queries.ListAsync(await http.ActorAsync(people), query.ToFilter(), http.RequestAborted));

        api.MapGet("/requests/{number}", async (string number, HttpContext http, PeopleService people, RequestQueries queries) =>
            await queries.GetAsync(await http.ActorAsync(people), number, http.RequestAborted));

        api.MapPost("/requests/{number}/actions/{action}", async (
            string number, string action, ActionBody? body, HttpContext http, PeopleService people, RequestActions actions) =>
        {
            var actor = await http.ActorAsync(people);
            body ??= new ActionBody(null, null, null, null, null, null, null, null);
            long? assigneeId = null;
            if (!string.IsNullOrWhiteSpace(body.AssigneeEmail))
            {
                assigneeId = (await people.FindByEmailAsync(body.AssigneeEmail, http.RequestAborted))?.Id
                    ?? throw new DomainException(ErrorKind.Invalid, PeopleTexts.NobodyWithEmail(body.AssigneeEmail.Trim())) { Field = "assigneeEmail" };
            }

            List<long>? testerIds = null;
            foreach (var email in body.TesterEmails ?? [])
            {
                var tester = string.IsNullOrWhiteSpace(email) ? null : await people.FindByEmailAsync(email, http.RequestAborted);
                (testerIds ??= []).Add(tester?.Id ?? throw new DomainException(ErrorKind.Invalid,
                    ApiTexts.NobodyToTest(email)) { Field = "testerEmails" });
            }

            return await actions.FireAsync(actor, number, action, new ActionInput
            {
                Text = body.Text,
                AssigneeId = assigneeId,
                TesterIds = testerIds,
                Priority = body.Priority,
                PlannedEnd = body.PlannedEnd,
                ScheduledFor = body.ScheduledFor,
                Equipment = body.Equipment,
                Checklist = body.Checklist,
                ExpectedVersion = body.ExpectedVersion ?? IfMatch(http),
            }, http.RequestAborted);
        }).WithBodyLimit(BodyLimits.TextBytes);

        api.MapPost("/requests/{number}/comments", async (string number, CommentBody? body, HttpContext http, PeopleService people, RequestActions actions) =>
        {
            var comment = await actions.CommentAsync(await http.ActorAsync(people), number, body?.Text ?? string.Empty, http.RequestAborted);
            return Results.Created($"/api/requests/{RequestNumbers.Normalize(number)}", comment);
        }).WithBodyLimit(BodyLimits.TextBytes);

        api.MapPost("/requests/{number}/attachments", async (string number, HttpContext http, PeopleService people, RequestFiles files) =>
        {
            var actor = await http.ActorAsync(people);
            if (!http.Request.HasFormContentType)
            {
                throw new DomainException(ErrorKind.Invalid, ApiTexts.SendMultipart) { Field = "file" };
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var file = form.Files.GetFile("file") ?? throw new DomainException(ErrorKind.Invalid, ApiTexts.MissingFile) { Field = "file" };
            var kindText = form["kind"].ToString();
            var kind = AttachmentKind.Otro;
            if (kindText.Length > 0 && (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _)))
            {
                throw new DomainException(ErrorKind.Invalid,
                    ApiTexts.UnknownAttachmentKind(kindText, Enum.GetNames<AttachmentKind>())) { Field = "kind" };
            }

            await using var stream = file.OpenReadStream();
            var saved = await files.AttachAsync(actor, number, kind, file.FileName, file.ContentType, stream, http.RequestAborted);
            return Results.Created($"/api/requests/{RequestNumbers.Normalize(number)}/attachments/{saved.Id}", saved);
        }).DisableAntiforgery()
          .WithBodyLimit(sp => sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes + BodyLimits.MultipartOverheadBytes);

        api.MapGet("/requests/{number}/attachments/{id:long}", async (string number, long id, HttpContext http, PeopleService people, RequestFiles files) =>
        {
            var (attachment, content) = await files.OpenAttachmentAsync(await http.ActorAsync(people), number, id, http.RequestAborted);
            return Results.File(content, attachment.ContentType, attachment.FileName);
        });

        return app;
    }

    private static int? IfMatch(HttpContext http)
    {
        var value = http.Request.Headers.IfMatch.ToString().Trim('"', ' ', 'W', '/');
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
