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

    /// <summary>Retrying later may help (throttling, server errors, network).</summary>
    public bool IsTransient => Status is null or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500;
}
