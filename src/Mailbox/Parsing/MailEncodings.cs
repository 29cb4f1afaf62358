using System.Text;

namespace SosepBot.Mailbox.Parsing;

/// <summary>Makes Windows-1252 and the other legacy code pages available to MimeKit (.NET has only Latin-1 and Unicode built in).</summary>
public static class MailEncodings
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static void Register() => _ = Registered.Value;
}
