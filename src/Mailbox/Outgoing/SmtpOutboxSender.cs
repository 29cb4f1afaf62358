using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using SosepBot.Core.Notifications;

namespace SosepBot.Mailbox.Outgoing;

/// <summary>Delivers outbox mail over SMTP with MailKit. A refused recipient is permanent; anything else is retried.</summary>
public sealed class SmtpOutboxSender(IOptions<MailboxOptions> options) : IOutboxSender
{
    public OutboxChannel Channel => OutboxChannel.Mail;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var o = options.Value;
        var mail = MailComposer.Compose(message, o);
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(o.Smtp.Host, o.Smtp.Port, Secure(o.Smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(o.Smtp.UserName))
            {
                await client.AuthenticateAsync(o.Smtp.UserName, o.Smtp.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return SendResult.Ok(mail.MessageId);
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            return SendResult.Failed($"El servidor de correo rechazó al destinatario ({(int)e.StatusCode}).");
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.MessageNotAccepted)
        {
            return SendResult.Failed($"El servidor de correo rechazó el mensaje ({(int)e.StatusCode}).");
        }
        catch (Exception e) when (MailNetwork.IsExpected(e) && !cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient($"SMTP {o.Smtp.Host}:{o.Smtp.Port}: {MailNetwork.Cause(e)}");
        }
    }

    internal static SecureSocketOptions Secure(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };
}
