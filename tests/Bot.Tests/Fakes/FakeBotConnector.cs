using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>
/// A Bot Connector (Teams' serviceUrl) on 127.0.0.1 that records every call the bot makes, answers like the real
/// one, and can throttle with 429 + Retry-After. Also serves a file for the attachment tests and a roster member.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private int _throttle;
    private int _retryAfterSeconds;
    private int _ids;

    private FakeBotConnector(WebApplication app) => _app = app;

    /// <summary>The serviceUrl to put in activities ("http://127.0.0.1:port/").</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public IReadOnlyList<ConnectorCall> Calls => _calls.ToArray();

    /// <summary>An error status to answer a call with (method, path), or null to answer it normally.</summary>
    public Func<string, string, int?>? Refuse { get; set; }

    /// <summary>
    /// Awaited, for a call (method, path), before it is recorded and answered: a test holds a reply back to see what the
    /// bot does meanwhile (null: no call waits).
    /// </summary>
    public Func<string, string, Task?>? Hold { get; set; }

    /// <summary>The roster answer for GET members/{id} (null: 404).</summary>
    public JsonObject? Member { get; set; }

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotConnector(app);
        app.Use(async (context, next) =>
        {
            string? body = null;
            if (context.Request.ContentLength > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
            {
                body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            }

            if (fake.Hold?.Invoke(context.Request.Method, context.Request.Path.Value ?? string.Empty) is { } hold)
            {
                await hold;
            }

            var throttled = context.Request.Path.StartsWithSegments("/v3") && Interlocked.Decrement(ref fake._throttle) >= 0;
            var refused = throttled ? null : fake.Refuse?.Invoke(context.Request.Method, context.Request.Path.Value ?? string.Empty);
            fake._calls.Enqueue(new ConnectorCall(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.Headers.Authorization.ToString(),
                body is null ? null : JsonNode.Parse(body),
                throttled ? 429 : refused ?? 200,
                DateTimeOffset.UtcNow));
            if (throttled)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = fake._retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            }

            if (refused is { } status)
            {
                context.Response.StatusCode = status;
                return;
            }

            await next(context);
        });
        app.MapPost("/v3/conversations/{conversationId}/activities", () => Results.Json(new { id = fake.NextId() }));
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", () => Results.Json(new { id = fake.NextId() }));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string activityId) => Results.Json(new { id = activityId }));
        app.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", () => Results.Ok());
        app.MapPost("/v3/conversations", () => Results.Json(new { id = "a:personal-" + fake.NextId() }));
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", () =>
            fake.Member is null ? Results.NotFound() : Results.Text(fake.Member.ToJsonString(), "application/json"));
        app.MapGet("/files/{name}", (string name) => Results.File("%PDF-1.4 prueba"u8.ToArray(), "application/pdf", name));
        app.MapGet("/v3/attachments/{id}/views/{view}", () => Results.File(SosepBot.Bot.Teams.Manifest.PngIcon.Outline(), "image/png"));
        await app.StartAsync();
        fake.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return fake;
    }

    /// <summary>The next <paramref name="count"/> calls answer 429 with Retry-After.</summary>
    public void Throttle(int count, int retryAfterSeconds)
    {
        _retryAfterSeconds = retryAfterSeconds;
        Volatile.Write(ref _throttle, count);
    }

    /// <summary>Activities the bot posted (replies and proactive messages), in order.</summary>
    public IReadOnlyList<ConnectorCall> Posted => Calls.Where(c => c.Method == "POST" && c.Path.Contains("/activities", StringComparison.Ordinal) && c.Status == 200).ToList();

    public async Task<ConnectorCall> WaitForPostAsync(Func<ConnectorCall, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < until)
        {
            var found = Posted.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The bot did not post the expected activity. Posted: " + string.Join(" | ", Posted.Select(p => p.Text)));
    }

    private string NextId() => "actividad-" + Interlocked.Increment(ref _ids);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
