using Microsoft.AspNetCore.Http.HttpResults;
using SosepBot.Bot.Auth;
using SosepBot.Core.People;
using SosepBot.Jobs.Hosting;

namespace SosepBot.Bot.Api;

/// <summary>The scheduled jobs for the IT director and administrators: list them, run one now and read what it did.</summary>
public static class JobsEndpoints
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").RequireAuthorization().WithTags("Tareas programadas");

        api.MapGet("/", async (HttpContext http, PeopleService people, JobRunner jobs) =>
        {
            JobRunner.EnsureOperator(await http.ActorAsync(people));
            return await jobs.ListAsync(http.RequestAborted);
        });

        // Runs in this request, bounded by it: the answer says what the run did.
        api.MapPost("/{name}/run", async Task<Results<Ok<JobRunResult>, ProblemHttpResult>> (
            string name, bool? reenviar, RunJobBody? body, HttpContext http, PeopleService people, JobRunner jobs) =>
        {
            var actor = await http.ActorAsync(people);
            JobRunner.EnsureOperator(actor);
            var resend = reenviar == true || body?.Resend == true;
            var result = await jobs.RunAsync(name, resend, $"person {actor.PersonId}", http.RequestAborted);
            if (result.Status == JobRunStatus.AlreadySent)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Resumen ya enviado hoy",
                    detail: $"{result.Summary}; use reenviar=true (o el cuerpo {{\"resend\":true}}) para enviarlo de nuevo.",
                    extensions: new Dictionary<string, object?> { ["code"] = nameof(JobRunStatus.AlreadySent), ["job"] = result.Job });
            }

            return TypedResults.Ok(result);
        });

        return app;
    }
}
