using Microsoft.Extensions.Logging;

namespace SosepBot.Web;

/// <summary>The console's log messages (never a token).</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in of person {PersonId} with a one-time link")]
    public static partial void SignedIn(ILogger logger, long personId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused: the link is unknown, expired or used")]
    public static partial void SignInRefused(ILogger logger);
}
