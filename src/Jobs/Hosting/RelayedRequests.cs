using Microsoft.AspNetCore.Http;

namespace SosepBot.Jobs.Hosting;

/// <summary>
/// Whether a request came through a reverse proxy: behind one on the same machine every caller's address is loopback,
/// so a "this machine only" rule (the dashboard in the embedded default, the bot's local mode) must also refuse what a
/// proxy relayed.
/// </summary>
public static class RelayedRequests
{
    /// <summary>Headers a reverse proxy adds to what it relays.</summary>
    private static readonly string[] ProxyHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"];

    public static bool IsRelayedByProxy(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ProxyHeaders.Any(request.Headers.ContainsKey);
    }
}
