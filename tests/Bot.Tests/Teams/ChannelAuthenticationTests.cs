using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SosepBot.Bot.Tests.Fakes;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>Every token case a conformant bot must get right, against a real OpenID/JWKS stand-in on loopback.</summary>
public sealed class ChannelAuthenticationTests : IAsyncLifetime
{
    private const string Ana = "aad-ana-0001";
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TeamsHost.StartAsync();
        await _host.PersonAsync("Ana Pérez", Ana);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("valid", HttpStatusCode.OK)]
    [InlineData("inside-skew", HttpStatusCode.OK)]
    [InlineData("rotated-key", HttpStatusCode.OK)]
    [InlineData("wrong-audience", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-issuer", HttpStatusCode.Unauthorized)]
    [InlineData("serviceurl-mismatch", HttpStatusCode.Unauthorized)]
    [InlineData("no-serviceurl-claim", HttpStatusCode.Unauthorized)]
    [InlineData("channel-not-endorsed", HttpStatusCode.Unauthorized)]
    [InlineData("expired-beyond-skew", HttpStatusCode.Unauthorized)]
    [InlineData("hs256", HttpStatusCode.Unauthorized)]
    [InlineData("unknown-kid", HttpStatusCode.Unauthorized)]
    [InlineData("no-header", HttpStatusCode.Unauthorized)]
    [InlineData("garbage", HttpStatusCode.Unauthorized)]
    public async Task Messages_TokenCase_GetsTheRightStatus(string kind, HttpStatusCode expected)
    {
        using var unpublished = RSA.Create(2048);
        var id = _host.Identity;
        var service = _host.Connector.ServiceUrl;
        var token = kind switch
        {
            "valid" => _host.Token(),
            "inside-skew" => id.Token(TeamsHost.AppId, service, expires: DateTime.UtcNow.AddMinutes(-4)),
            "rotated-key" => id.Token(TeamsHost.AppId, service, kid: id.AddKey(["msteams"])),
            "wrong-audience" => id.Token("otra-app", service),
            "wrong-issuer" => id.Token(TeamsHost.AppId, service, issuer: "https://sts.windows.net/otro/"),
            "serviceurl-mismatch" => id.Token(TeamsHost.AppId, "https://smba.trafficmanager.net/otra/"),
            "no-serviceurl-claim" => id.Token(TeamsHost.AppId, null),
            "channel-not-endorsed" => id.Token(TeamsHost.AppId, service, kid: id.AddKey(["webchat"])),
            "expired-beyond-skew" => id.Token(TeamsHost.AppId, service, expires: DateTime.UtcNow.AddMinutes(-6)),
            "hs256" => id.Token(TeamsHost.AppId, service, hs256: true),
            "unknown-kid" => id.Token(TeamsHost.AppId, service, unpublishedKey: unpublished),
            "garbage" => "abc.def.ghi",
            _ => null,
        };

        var response = await _host.PostAsync(_host.Message(Ana, "mis solicitudes"), token);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var reply = await _host.Connector.WaitForPostAsync(c => c.CardJson.Contains("Mis solicitudes", StringComparison.Ordinal));
            Assert.StartsWith("Bearer token-del-bot-", reply.Authorization, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("token", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            await Task.Delay(200);
            Assert.Equal(0, await _host.DbAsync(db => db.TeamsInboundActivities.CountAsync()));
            Assert.Equal(0, await _host.DbAsync(db => db.TeamsConversationReferences.CountAsync()));
            Assert.Empty(_host.Connector.Calls);
        }
    }

    [Fact]
    public async Task Messages_ForgedTokenForTicket_OpensNothing()
    {
        var forged = _host.Identity.Token("otra-app", _host.Connector.ServiceUrl);
        var message = _host.Message(Ana, "mi impresora no imprime desde ayer");

        var response = await _host.PostAsync(message, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await _host.DbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(0, await _host.DbAsync(db => db.TeamsInboundActivities.CountAsync()));
    }

    [Fact]
    public async Task Replies_CarryTheOutboundTokenFromMsal_Cached()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(_host.Message(Ana, "ayuda"))).StatusCode);
        }

        await WaitAsync(() => _host.Connector.Posted.Count >= 3);
        Assert.All(_host.Connector.Posted, p => Assert.Equal("Bearer " + FakeBotFrameworkIdentity.OutboundToken(1), p.Authorization));
        Assert.Equal(1, _host.Identity.TokensIssued);
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting.");
            await Task.Delay(20);
        }
    }

    internal static async Task WaitAsync(Func<bool> condition, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting.");
            await Task.Delay(20);
        }
    }
}
