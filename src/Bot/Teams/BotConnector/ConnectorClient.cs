using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>
/// The Bot Connector REST API at an activity's serviceUrl: reply, send, update and delete activities, create a
/// 1:1 conversation, read a member. Calls carry the bot's token, keep within the per-conversation rate limits and
/// are retried on 429 (after Retry-After), 5xx and network errors with exponential backoff.
/// </summary>
public sealed partial class ConnectorClient(
    IHttpClientFactory httpClients,
    BotTokenProvider tokens,
    ConversationRateLimiter limiter,
    IOptions<BotConnectorOptions> options,
    TimeProvider time,
    ILogger<ConnectorClient> logger)
{
    public const string HttpClientName = "BotConnector";

    public Task<ResourceResponse?> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, conversationId,
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(replyToId)}", activity, cancellationToken);

    public Task<ResourceResponse?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, conversationId,
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, cancellationToken);

    public Task<ResourceResponse?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, conversationId,
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, cancellationToken);

    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Delete, serviceUrl, conversationId,
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", null, cancellationToken);

    /// <summary>Creates (or finds) the personal conversation with a user, for a proactive message.</summary>
    public Task<ConversationResourceResponse?> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        SendAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "create:" + parameters.Members.FirstOrDefault()?.Id, "v3/conversations", parameters, cancellationToken);

    /// <summary>A member of a conversation, with e-mail and UPN in Teams; null when not found.</summary>
    public async Task<ChannelAccount?> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync<ChannelAccount>(HttpMethod.Get, serviceUrl, conversationId,
                $"v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(userId)}", null, cancellationToken);
        }
        catch (BotConnectorException e) when (e.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
        {
            return null;
        }
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string serviceUrl, string conversationKey, string path, object? body, CancellationToken cancellationToken)
        where T : class
    {
        var retry = options.Value.Retry;
        var client = httpClients.CreateClient(HttpClientName);
        var uri = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);
        for (var attempt = 1; ; attempt++)
        {
            await limiter.WaitAsync(conversationKey, cancellationToken);
            HttpResponseMessage? response = null;
            Exception? failure = null;
            try
            {
                using var request = new HttpRequestMessage(method, uri);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, body.GetType(), options: BotJson.Options);
                }

                if (await tokens.GetTokenAsync(cancellationToken) is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                response = await client.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                failure = e;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }
            catch (Microsoft.Identity.Client.MsalServiceException e) when (BotConnectorException.IsExpectedFailure(e))
            {
                failure = e; // the token endpoint is down or unreachable
            }

            using (response)
            {
                if (response is { IsSuccessStatusCode: true })
                {
                    if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
                    {
                        return null;
                    }

                    try
                    {
                        return await response.Content.ReadFromJsonAsync<T>(BotJson.Options, cancellationToken);
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        return null;
                    }
                }

                var status = response?.StatusCode;
                var retryAfter = response is null ? null : RetryAfter(response);
                var transient = status is null or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
                var cause = failure is null ? $"HTTP {(int)status!}" : Core.Errors.NetworkFailure.Cause(failure);
                if (!transient || attempt >= retry.MaxAttempts || retryAfter > retry.MaxRetryAfter)
                {
                    // A transient failure is the caller's to report (one Warning with the cause); anything else is an error here.
                    if (transient)
                    {
                        LogGaveUpTransient(logger, method.Method, attempt, cause);
                    }
                    else
                    {
                        LogGaveUp(logger, method.Method, (int?)status ?? 0, attempt);
                    }

                    throw failure is null
                        ? new BotConnectorException(status!.Value, retryAfter, $"The connector answered {(int)status} to {method} {uri.AbsolutePath}.")
                        : new BotConnectorException($"The connector could not be reached: {cause}", failure);
                }

                var delay = retryAfter ?? Backoff(attempt, retry.FirstDelay);
                LogRetrying(logger, method.Method, cause, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static TimeSpan Backoff(int attempt, TimeSpan first)
    {
        var delay = first * Math.Pow(2, attempt - 1);
        return delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bot Connector {Method} failed ({Cause}, attempt {Attempt}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string method, string cause, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bot Connector {Method} still failing after {Attempt} attempt(s): {Cause}")]
    private static partial void LogGaveUpTransient(ILogger logger, string method, int attempt, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot Connector {Method} failed with {Status} after {Attempt} attempt(s)")]
    private static partial void LogGaveUp(ILogger logger, string method, int status, int attempt);
}
