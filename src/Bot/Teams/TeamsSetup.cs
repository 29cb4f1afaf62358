using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Hosting;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Bot.Teams.Conversations;
using SosepBot.Bot.Teams.Manifest;
using SosepBot.Core.Notifications;

namespace SosepBot.Bot.Teams;

/// <summary>Registers the Teams bot (section "Teams") and maps POST /api/messages.</summary>
public static class TeamsSetup
{
    public static IServiceCollection AddSosepTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BotConnectorOptions>().BindConfiguration(BotConnectorOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotConnectorOptions>, BotConnectorOptionsValidator>());
        services.AddOptions<TeamsManifestOptions>().BindConfiguration(TeamsManifestOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsManifestOptions>, TeamsManifestOptionsValidator>());
        services.AddHttpClient(BotFrameworkKeys.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(ConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(ChatFileDownloader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);
        MsalHttpClientFactory.Register(services);
        services.TryAddSingleton<BotFrameworkKeys>();
        services.TryAddSingleton<ChannelTokenValidator>();
        services.TryAddSingleton<BotTokenProvider>();
        services.TryAddSingleton<ConversationRateLimiter>();
        services.TryAddSingleton<ConnectorClient>();
        services.TryAddSingleton<ChatFileDownloader>();
        services.TryAddSingleton<ConversationLeases>();
        services.TryAddSingleton<TurnProcessor>();
        services.TryAddSingleton<InboundActivityStore>();
        services.TryAddSingleton<TurnScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnScheduler>());
        services.TryAddSingleton<ActivityReceiver>();
        services.TryAddScoped<TeamsBot>();
        services.TryAddScoped<Cards.RequestCardBuilder>();
        services.TryAddScoped<PersonResolver>();
        services.TryAddScoped<ConversationReferences>();
        // Teams is a channel for notices only when the bot is configured (an app id, or the local mode).
        var configured = configuration.GetSection(BotConnectorOptions.SectionName).Get<BotConnectorOptions>() ?? new BotConnectorOptions();
        if (configured.Enabled)
        {
            services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxSender, TeamsOutboxSender>());
            services.TryAddEnumerable(ServiceDescriptor.Scoped<IRecipientReach, TeamsRecipientReach>());
        }
        return services;
    }

    public static IEndpointRouteBuilder MapSosepTeams(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/messages", (HttpContext http, ActivityReceiver receiver) => receiver.ReceiveAsync(http)).AllowAnonymous()
            .WithBodyLimit(sp => sp.GetRequiredService<IOptions<BotConnectorOptions>>().Value.MaxActivityBytes);
        // The Agents Playground probes the endpoint before it starts.
        app.MapMethods("/api/messages", ["HEAD", "GET"], () => Results.Ok()).AllowAnonymous();
        return app;
    }
}
