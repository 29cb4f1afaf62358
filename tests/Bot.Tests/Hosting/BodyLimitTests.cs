using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SosepBot.Bot.Tests.Api;
using SosepBot.Bot.Tests.Teams;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Hosting;

/// <summary>Each endpoint refuses a body larger than it accepts with 413 and a Spanish problem, before reading it.</summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private readonly SosepApiFactory _factory = new();
    private HttpClient _ana = null!;

    public async Task InitializeAsync() => _ana = await _factory.ClientForAsync("Ana Pérez", Role.Technician);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/api/requests", true)]
    [InlineData("/api/requests", false)]
    [InlineData("/api/requests/UI-2026-00001/comments", true)]
    [InlineData("/api/units", false)]
    [InlineData("/api/me/notices", true)]
    public async Task Post_TenMegabyteJson_Is413InSpanish(string url, bool declaredLength)
    {
        using var content = new CountingJsonContent(TenMegabytes, declaredLength);
        using var request = new HttpRequestMessage(url.EndsWith("notices", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, url) { Content = content };

        var response = await _ana.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.StartsWith("El cuerpo de la solicitud es demasiado grande", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await _factory.CountAsync("Requests"));
    }

    /// <summary>
    /// On the real server (Kestrel on loopback), a raw client sends the headers and only the first megabyte of a 10 MB
    /// body, then waits: the 413 arrives while the rest has not even been sent, so the server never waited for it.
    /// </summary>
    [Theory]
    [InlineData("/api/requests", true)]
    [InlineData("/api/requests", false)]
    [InlineData("/api/messages", true)]
    [InlineData("/api/messages", false)]
    public async Task Post_TenMegabyteJsonOnKestrel_IsRefusedBeforeItIsRead(string url, bool declaredLength)
    {
        await using var host = await TeamsHost.StartAsync(kestrel: true);
        using var http = await host.Factory.ClientForAsync("Ana Pérez", Role.Technician);
        var key = http.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var server = http.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var credentials = url == "/api/messages" ? $"Authorization: Bearer {host.Token()}" : $"X-Api-Key: {key}";
        var framing = declaredLength ? $"Content-Length: {TenMegabytes}" : "Transfer-Encoding: chunked";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {url} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\n{credentials}\r\n{framing}\r\n\r\n"));
        var piece = Encoding.ASCII.GetBytes("{\"text\":\"" + new string('a', 64 * 1024 - 10));
        for (var i = 0; i < 16; i++)
        {
            await stream.WriteAsync(declaredLength ? piece : [.. Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"), .. piece, .. "\r\n"u8]);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var answer = new byte[8192];
        var text = string.Empty;
        for (var reads = 0; reads < 20 && !text.Contains('}', StringComparison.Ordinal); reads++)
        {
            var read = await stream.ReadAsync(answer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text += Encoding.UTF8.GetString(answer, 0, read);
        }

        Assert.StartsWith("HTTP/1.1 413", text, StringComparison.Ordinal);
        Assert.Contains("El cuerpo de la solicitud es demasiado grande", text, StringComparison.Ordinal);
        Assert.Equal(0, await host.Factory.CountAsync("TeamsInboundActivities"));
        Assert.Equal(0, await host.Factory.CountAsync("Requests"));
    }

    [Fact]
    public async Task Messages_TenMegabyteActivity_Is413()
    {
        await using var host = await TeamsHost.StartAsync();
        using var content = new CountingJsonContent(TenMegabytes, declaredLength: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token());

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await host.Factory.CountAsync("TeamsInboundActivities"));
    }

    [Fact]
    public async Task Post_TextOfEightThousandEscapedCharacters_FitsTheLimit()
    {
        var description = string.Concat(Enumerable.Repeat("\\u00f1", 8000)); // 48 KB of JSON for 8,000 characters
        using var body = new StringContent($$"""{"procedure":"DS-UI-04","title":"Impresora","description":"{{description}}"}""", Encoding.UTF8, "application/json");

        var response = await _ana.PostAsync(new Uri("/api/requests", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Attachment_LargerThanAJsonBody_KeepsTheUploadLimit()
    {
        var created = await (await _ana.PostJsonAsync("/api/requests", new { procedure = "DS-UI-04", title = "Monitor sin imagen" })).ReadJsonAsync();
        var number = created["summary"]!["number"]!.GetValue<string>();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent([.. "%PDF-1.4\n"u8, .. new byte[512 * 1024]]), "file", "informe.pdf" },
        };
        form.First().Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        var response = await _ana.PostAsync(new Uri($"/api/requests/{number}/attachments", UriKind.Relative), form);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A JSON body of the given size, written in 64 KB pieces, counting what the server took.</summary>
    private sealed class CountingJsonContent : HttpContent
    {
        private readonly long _size;
        private readonly bool _declaredLength;

        public CountingJsonContent(long size, bool declaredLength)
        {
            _size = size;
            _declaredLength = declaredLength;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public long Written { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var piece = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
            await stream.WriteAsync("{\"procedure\":\"DS-UI-04\",\"title\":\""u8.ToArray());
            Written = 33;
            try
            {
                while (Written < _size - 2)
                {
                    var n = (int)Math.Min(piece.Length, _size - 2 - Written);
                    await stream.WriteAsync(piece.AsMemory(0, n));
                    Written += n;
                }

                await stream.WriteAsync("\"}"u8.ToArray());
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // the server stopped reading: what matters is how much it took
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _size;
            return _declaredLength;
        }
    }
}
