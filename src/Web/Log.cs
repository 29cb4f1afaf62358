using Microsoft.Extensions.Logging;

namespace SosepBot.Web;

/// <summary>The console's log messages (never a token).</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in of person {PersonId} with a one-time link")]
    public static partial void SignedIn(ILogger logger, long personId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused: the link is unknown, expired or used")]
    public static partial void SignInRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in of person {PersonId} with Microsoft Entra ID")]
    public static partial void SignedInWithEntra(ILogger logger, long personId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in with Microsoft Entra ID refused: nobody active is registered with that object id or e-mail")]
    public static partial void EntraSignInUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in with Microsoft Entra ID failed ({Failure})")]
    public static partial void EntraSignInFailed(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "A sign-in link was queued by mail at the request of person {RequestedBy}")]
    public static partial void LinkMailed(ILogger logger, long requestedBy);
}
