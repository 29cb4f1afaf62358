using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Identity.Client;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>Gives MSAL the host's pooled HttpClient (named "Msal").</summary>
public sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public const string HttpClientName = "Msal";

    public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);

    /// <summary>MSAL's HTTP through IHttpClientFactory, for every confidential client of the host (the bot, the directory).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton<IMsalHttpClientFactory, MsalHttpClientFactory>();
    }
}
