using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>
/// One Microsoft 365 Agents Playground (Microsoft's Teams emulator, npm @microsoft/m365agentsplayground) for one
/// simulated Teams user, driven through its HTTP API; the bot's messages are read from its WebSocket stream.
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    public const string Variable = "SOSEPBOT_TEST_PLAYGROUND";

    private readonly Process _process;
    private readonly string _directory;
    private ClientWebSocket _socket = new();
    private readonly ConcurrentQueue<JsonObject> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly StringBuilder _log = new();

    private AgentsPlayground(Process process, string directory, string conversationId, string userId)
    {
        _process = process;
        _directory = directory;
        ConversationId = conversationId;
        UserId = userId;
        _http = new HttpClient();
    }

    /// <summary>The port it listens on (it picks another when the one asked for is taken).</summary>
    public int Port { get; private set; }

    public string ConversationId { get; }

    public string UserId { get; }

    public IReadOnlyList<JsonObject> Messages => _messages.ToArray();

    public static string? Cli => Environment.GetEnvironmentVariable(Variable);

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a Playground whose current user is <paramref name="name"/> with that Entra object id.</summary>
    public static async Task<AgentsPlayground> StartAsync(string botEndpoint, string userId, string name, string email, string aadObjectId, string conversationId)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-playground", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, ".m365agentsplayground.yml"), $"""
            version: "0.1.1"
            tenantId: 00000000-0000-0000-0000-0000000000001
            bot:
              id: 00000000-0000-0000-0000-00000000000011
              name: SosepBot
            currentUser:
              id: {userId}
              name: {name}
              userPrincipleName: {email}
              aadObjectId: {aadObjectId}
              givenName: {name.Split(' ')[0]}
              surname: {name.Split(' ')[^1]}
              email: {email}
            users:
            {Others()}
            personalChat:
              id: {conversationId}
            groupChat:
              id: group-chat-id
              name: Group Chat
            team:
              id: team-id
              name: My Team
              aadGroupId: 00000000-0000-0000-0000-000000000031
              channels:
                - id: channel-announcements-id
                  name: Announcements
            """);
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in new[] { Cli!, "-e", botEndpoint, "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--conversation-id", conversationId, "--disable-telemetry" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        var process = Process.Start(start)!;
        var playground = new AgentsPlayground(process, directory, conversationId, userId);
        process.OutputDataReceived += (_, e) => { lock (playground._log) { playground._log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (playground._log) { playground._log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (playground.Port == 0 && DateTime.UtcNow < until && !process.HasExited)
        {
            lock (playground._log)
            {
                var listening = System.Text.RegularExpressions.Regex.Match(playground._log.ToString(), @"Listening on (\d+)");
                playground.Port = listening.Success ? int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            }

            await Task.Delay(100);
        }

        playground._http.BaseAddress = new Uri($"http://127.0.0.1:{playground.Port}");
        while (true)
        {
            try
            {
                await playground._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{playground.Port}/_ws_conversation/v1/conversations/stream"), default);
                break;
            }
            catch (WebSocketException e) when (DateTime.UtcNow >= until || process.HasExited)
            {
                string log;
                lock (playground._log)
                {
                    log = playground._log.ToString();
                }

                throw new InvalidOperationException($"The Agents Playground did not start: {log}", e);
            }
            catch (WebSocketException)
            {
                playground._socket.Dispose();
                playground._socket = new ClientWebSocket();
                await Task.Delay(250);
            }
        }

        _ = playground.ReadAsync();
        return playground;
    }

    /// <summary>The Playground requires at least five other users in its roster.</summary>
    private static string Others() => string.Join("\n", Enumerable.Range(1, 5).Select(i =>
        $"  - id: otro-{i}\n    name: Persona {i}\n    userPrincipleName: persona{i}@example.com\n    aadObjectId: otro-aad-{i}\n    givenName: Persona\n    surname: N{i}\n    email: persona{i}@example.com"));

    public async Task InstallAsync() =>
        (await _http.PostAsJsonAsync($"/_debug/conversation/{ConversationId}/installation", new JsonObject())).EnsureSuccessStatusCode();

    public async Task SayAsync(string text) =>
        (await _http.PostAsJsonAsync($"/_conversation/v1/conversations/{ConversationId}/messages",
            new JsonObject { ["from"] = new JsonObject { ["id"] = UserId }, ["text"] = text, ["textFormat"] = "plain" })).EnsureSuccessStatusCode();

    /// <summary>Presses an Action.Execute button of the card in message <paramref name="cardMessageId"/>; returns the card the bot answered with.</summary>
    public async Task<JsonObject> ExecuteAsync(string cardMessageId, JsonObject data)
    {
        var response = await _http.PostAsJsonAsync("/_conversation/v1/invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = data["verb"]!.GetValue<string>(), ["data"] = data } },
            ["from"] = new JsonObject { ["id"] = UserId },
            ["conversation"] = new JsonObject { ["id"] = ConversationId },
            ["replyToId"] = cardMessageId,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["value"]!.AsObject();
    }

    /// <summary>The first bot message (text or card JSON) containing <paramref name="text"/>.</summary>
    public async Task<JsonObject> WaitForAsync(string text, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            var found = Messages.FirstOrDefault(m => m.ToJsonString(ConnectorCall.Readable).Contains(text, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        string log;
        lock (_log)
        {
            log = _log.ToString();
        }

        throw new TimeoutException($"The Playground showed no message with «{text}». Messages: {string.Join(" | ", Messages.Select(m => m.ToJsonString(ConnectorCall.Readable)[..Math.Min(300, m.ToJsonString().Length)]))}. Log: {log}");
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        var frame = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (JsonNode.Parse(Encoding.UTF8.GetString(frame.ToArray())) is JsonObject { } e && e["action"]?.GetValue<string>() == "createMessage" && e["message"] is JsonObject m)
                {
                    _messages.Enqueue(m);
                }

                frame.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or System.Text.Json.JsonException)
        {
            // The Playground stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left to the temp cleaner
        }
    }
}
