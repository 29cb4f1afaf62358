using System.Net;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>The connector refused a call (after the retries that made sense).</summary>
public sealed class BotConnectorException : Exception
{
    public BotConnectorException()
    {
    }

    public BotConnectorException(string message)
        : base(message)
    {
    }

    public BotConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BotConnectorException(HttpStatusCode status, TimeSpan? retryAfter, string message)
        : base(message)
    {
        Status = status;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode? Status { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// An expected failure of the connector or of the bot's token endpoint (down, unreachable, throttling, server
    /// errors): logged as one Warning line with its cause; anything else is unexpected and keeps its stack trace.
    /// </summary>
    public static bool IsExpectedFailure(Exception exception) => exception switch
    {
        BotConnectorException b => b.IsTransient,
        Microsoft.Identity.Client.MsalServiceException m when m.StatusCode is 0 or 408 or 429 or >= 500 => true,
        _ => Core.Errors.NetworkFailure.IsExpected(exception),
    };

    /// <summary>Retrying later may help (throttling, server errors, network).</summary>
    public bool IsTransient => Status is null or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500;
}
