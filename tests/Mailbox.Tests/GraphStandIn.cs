using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SosepBot.Mailbox.Tests;

/// <summary>
/// A loopback stand-in for Microsoft Graph (the one cloud part that cannot run here) serving the response shapes
/// of the token endpoint, the inbox delta query (pages with @odata.nextLink, a final @odata.deltaLink, @removed
/// entries), a message's $value (MIME), mail folders and moves, and sendMail (base64 MIME). It records what it was asked.
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    private const string Token = "token-de-prueba";
    private readonly WebApplication _app;
    private readonly List<(string Id, byte[] Raw)> _messages = [];
    private readonly List<string> _removed = [];
    private readonly Lock _lock = new();

    private GraphStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<byte[]> Sent { get; } = new();

    /// <summary>Mail folders by display name → id (created through POST mailFolders).</summary>
    public ConcurrentDictionary<string, string> Folders { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages moved: id → destination folder id.</summary>
    public ConcurrentDictionary<string, string> Moves { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers the next sendMail with 429 and this Retry-After (seconds).</summary>
    public int? ThrottleNextSend { get; set; }

    public static async Task<GraphStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new GraphStandIn(app);
        standIn.Map(app);
        await app.StartAsync();
        standIn.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    public void AddMessage(string id, byte[] raw)
    {
        lock (_lock)
        {
            _messages.Add((id, raw));
        }
    }

    public void RemoveMessage(string id)
    {
        lock (_lock)
        {
            _removed.Add(id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} Prefer={string.Join(",", context.Request.Headers["Prefer"].ToArray())} CT={context.Request.ContentType}");
            if (context.Request.Path.StartsWithSegments("/v1.0") && context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { error = new { code = "InvalidAuthenticationToken", message = "Access token is empty." } });
                return;
            }

            await next(context);
        });

        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            return form["grant_type"] == "client_credentials" && form["client_secret"] == "secreto-de-prueba"
                ? Results.Json(new { token_type = "Bearer", expires_in = 3599, access_token = Token })
                : Results.Json(new { error = "invalid_client" }, statusCode: 401);
        });

        // Delta: the first round has two pages (2 messages + nextLink, then the rest + deltaLink); a round from a
        // delta token returns what arrived (and what was removed) since that token.
        app.MapGet("/v1.0/users/{user}/mailFolders/{folder}/messages/delta()", (Delegate)Delta);
        app.MapGet("/v1.0/users/{user}/mailFolders/{folder}/messages/delta", (Delegate)Delta);

        app.MapGet("/v1.0/users/{user}/messages/{id}/$value", (string user, string id) =>
        {
            lock (_lock)
            {
                var found = _messages.FirstOrDefault(m => m.Id == id);
                return found.Raw is null
                    ? Results.Json(new { error = new { code = "ErrorItemNotFound", message = "The specified object was not found in the store." } }, statusCode: 404)
                    : Results.Bytes(found.Raw, "text/plain");
            }
        });

        app.MapPost("/v1.0/users/{user}/sendMail", (Delegate)SendMailAsync);

        // Folders: GET with $filter=displayName eq '…', POST to create; a message's move keeps its immutable id.
        app.MapGet("/v1.0/users/{user}/mailFolders", (HttpContext context) =>
        {
            var filter = context.Request.Query["$filter"].ToString();
            var name = filter.StartsWith("displayName eq '", StringComparison.Ordinal) ? filter[16..^1].Replace("''", "'", StringComparison.Ordinal) : null;
            var found = Folders.Where(f => name is null || f.Key == name).Select(f => new { id = f.Value, displayName = f.Key }).ToList();
            return Results.Json(new Dictionary<string, object> { ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#mailFolders", ["value"] = found });
        });
        app.MapPost("/v1.0/users/{user}/mailFolders", async (HttpContext context) =>
        {
            var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            var name = body.RootElement.EnumerateObject().Single(p => string.Equals(p.Name, "displayName", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
            var id = Folders.GetOrAdd(name, n => $"AAMkFolder{Folders.Count + 1}=");
            return Results.Json(new { id, displayName = name }, statusCode: 201);
        });
        app.MapPost("/v1.0/users/{user}/messages/{id}/move", async (HttpContext context, string id) =>
        {
            var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            // Graph reads property names case-insensitively; the SDK writes this one as "DestinationId".
            var destination = body.RootElement.EnumerateObject().Single(p => string.Equals(p.Name, "destinationId", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
            lock (_lock)
            {
                if (!_messages.Exists(m => m.Id == id) || !Folders.Values.Contains(destination))
                {
                    return Results.Json(new { error = new { code = "ErrorItemNotFound", message = "The specified object was not found in the store." } }, statusCode: 404);
                }
            }

            Moves[id] = destination;
            return Results.Json(new { id, parentFolderId = destination }, statusCode: 201);
        });
    }

    private IResult Delta(HttpContext context, string user, string folder)
    {
        {
            var q = context.Request.Query;
            var self = $"{BaseUrl}/v1.0/users/{Uri.EscapeDataString(user)}/mailFolders/{folder}/messages/delta";
            List<(string Id, byte[] Raw)> all;
            List<string> removed;
            lock (_lock)
            {
                all = [.. _messages];
                removed = [.. _removed];
            }

            IEnumerable<object> Items(IEnumerable<(string Id, byte[] Raw)> items) => items.Select(m => (object)new Dictionary<string, object>
            {
                ["@odata.type"] = "#microsoft.graph.message",
                ["@odata.etag"] = $"W/\"{m.Id}\"",
                ["id"] = m.Id,
                ["internetMessageId"] = $"<{m.Id}@cliente.test>",
                ["receivedDateTime"] = "2026-03-02T15:00:00Z",
            });
            var context0 = "https://graph.microsoft.com/v1.0/$metadata#Collection(message)";
            if (q.TryGetValue("$deltatoken", out var token))
            {
                var seen = int.Parse(token.ToString()[1..], System.Globalization.CultureInfo.InvariantCulture);
                var fresh = Items(all.Skip(seen)).Concat(removed.Select(id => (object)new Dictionary<string, object>
                {
                    ["id"] = id,
                    ["@removed"] = new { reason = "deleted" },
                }));
                return Results.Json(new Dictionary<string, object>
                {
                    ["@odata.context"] = context0,
                    ["value"] = fresh.ToList(),
                    ["@odata.deltaLink"] = $"{self}?$deltatoken=d{all.Count}",
                });
            }

            if (q.TryGetValue("$skiptoken", out var skip) && skip == "pagina2")
            {
                return Results.Json(new Dictionary<string, object>
                {
                    ["@odata.context"] = context0,
                    ["value"] = Items(all.Skip(2)).ToList(),
                    ["@odata.deltaLink"] = $"{self}?$deltatoken=d{all.Count}",
                });
            }

            return Results.Json(new Dictionary<string, object>
            {
                ["@odata.context"] = context0,
                ["value"] = Items(all.Take(2)).ToList(),
                ["@odata.nextLink"] = $"{self}?$skiptoken=pagina2",
            });
        }
    }

    private async Task<IResult> SendMailAsync(HttpContext context)
    {
        {
            if (ThrottleNextSend is { } seconds)
            {
                ThrottleNextSend = null;
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new { error = new { code = "ApplicationThrottled", message = "Too many requests." } }, statusCode: 429);
            }

            using var reader = new StreamReader(context.Request.Body, Encoding.ASCII);
            var body = await reader.ReadToEndAsync();
            if (context.Request.ContentType?.StartsWith("text/plain", StringComparison.Ordinal) != true)
            {
                return Results.Json(new { error = new { code = "ErrorMimeContentInvalidBase64String", message = "Invalid base64 string for MIME content." } }, statusCode: 400);
            }

            Sent.Enqueue(Convert.FromBase64String(body));
            return Results.Accepted();
        }
    }
}
