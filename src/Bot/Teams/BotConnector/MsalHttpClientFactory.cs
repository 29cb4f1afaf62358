using Microsoft.Identity.Client;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>Gives MSAL the host's pooled HttpClient (named "Msal").</summary>
public sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public const string HttpClientName = "Msal";

    public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
}
