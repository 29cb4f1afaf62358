using SosepBot.Core.Errors;

namespace SosepBot.Mailbox;

/// <summary>
/// Expected failures of the mail servers (IMAP, SMTP, Microsoft Graph): down, unreachable, a connection dropped, a
/// server error. They are logged as one Warning line with <see cref="Cause"/>; anything else keeps its stack trace.
/// </summary>
public static class MailNetwork
{
    public static bool IsExpected(Exception exception) => NetworkFailure.IsExpected(exception, IsMailFailure);

    public static string Cause(Exception exception) => NetworkFailure.Cause(exception, IsMailFailure);

    private static bool IsMailFailure(Exception e) => e switch
    {
        IOException or MailKit.ProtocolException or MailKit.ServiceNotConnectedException => true,
        MailKit.Net.Smtp.SmtpCommandException c => (int)c.StatusCode is >= 400 and < 500, // 4xx: try again later
        Microsoft.Kiota.Abstractions.ApiException a => a.ResponseStatusCode is 0 or 408 or 429 or >= 500,
        _ => false,
    };
}
