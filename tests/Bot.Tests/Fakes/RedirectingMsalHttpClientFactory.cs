using Microsoft.Identity.Client;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>
/// MSAL only accepts https authorities, so the bot keeps its real authority (https://login.microsoftonline.com/…)
/// and the tests give MSAL an HttpClient (through WithHttpClientFactory) whose handler sends every request to the
/// loopback stand-in instead, path and query unchanged.
/// </summary>
public sealed class RedirectingMsalHttpClientFactory(string baseUrl) : IMsalHttpClientFactory
{
    private readonly HttpClient _client = new(new Redirect(new Uri(baseUrl)));

    public HttpClient GetHttpClient() => _client;

    private sealed class Redirect(Uri target) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
