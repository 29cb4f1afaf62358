using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions;
using SosepBot.Core.Notifications;
using SosepBot.Mailbox.Graph;

namespace SosepBot.Mailbox.Outgoing;

/// <summary>Delivers outbox mail through Microsoft Graph's sendMail (MIME). 429/503 honour Retry-After; 4xx other than 408/429 are permanent.</summary>
public sealed class GraphOutboxSender(GraphMailClient graph, IOptions<MailboxOptions> options) : IOutboxSender
{
    public OutboxChannel Channel => OutboxChannel.Mail;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = MailComposer.Compose(message, options.Value);
        try
        {
            await graph.SendMimeAsync(mail, cancellationToken);
            return SendResult.Ok(mail.MessageId);
        }
        catch (ApiException e) when (e.ResponseStatusCode is (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.ServiceUnavailable)
        {
            return SendResult.Transient($"Graph respondió {e.ResponseStatusCode}.", RetryAfter(e));
        }
        catch (ApiException e) when (e.ResponseStatusCode is >= 400 and < 500 and not 408 and not 401)
        {
            return SendResult.Failed($"Graph rechazó el mensaje ({e.ResponseStatusCode}).");
        }
        catch (Exception e) when (MailNetwork.IsExpected(e) && !cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient($"Graph: {MailNetwork.Cause(e)}");
        }
    }

    private static TimeSpan? RetryAfter(ApiException e) =>
        e.ResponseHeaders.TryGetValue("Retry-After", out var values) && values.FirstOrDefault() is { } v
        && int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
