using Microsoft.Extensions.Options;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Mailbox;

namespace SosepBot.Bot.Hosting;

/// <summary>At start: says, in Spanish for the operator, when no channel can carry notices (they wait until one is configured).</summary>
public static partial class ChannelCheck
{
    public static bool AnyChannel(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IOptions<MailboxOptions>>().Value.Enabled
            || services.GetRequiredService<IOptions<BotConnectorOptions>>().Value.Enabled;
    }

    public static void Warn(IServiceProvider services, ILogger logger)
    {
        if (!AnyChannel(services))
        {
            LogNoChannel(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Ningún canal de avisos está configurado (ni correo, Mailbox:Transport, ni Teams, Teams:AppId): los avisos y acuses quedan pendientes, visibles en GET /api/outbox/waiting, y saldrán cuando se configure un canal.")]
    private static partial void LogNoChannel(ILogger logger);
}
