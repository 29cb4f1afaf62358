using MimeKit;
using SosepBot.Core.Notifications;
using SosepBot.Mailbox.Outgoing;

namespace SosepBot.Mailbox.Tests;

/// <summary>How an outbox message becomes a mail: images carried as data URIs go inline (multipart/related, Content-ID).</summary>
public sealed class MailComposerTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Fact]
    public void Compose_HtmlWithADataImage_SendsItAsAnInlinePartReferencedByContentId()
    {
        var html = $"<html><body><p>Resumen</p><img src=\"data:image/png;base64,{Convert.ToBase64String(Png)}\" alt=\"Gráfica\"></body></html>";

        var mail = MailComposer.Compose(Message(html), new MailboxOptions { Address = "mesa@sosep.gob.gt" });

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal("Resumen semanal.", alternative.TextBody!.Trim());
        var related = Assert.Single(alternative.OfType<MultipartRelated>());
        var image = Assert.Single(related.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.False(string.IsNullOrEmpty(image.ContentId));
        using var bytes = new MemoryStream();
        image.Content!.DecodeTo(bytes);
        Assert.Equal(Png, bytes.ToArray());
        var sentHtml = alternative.HtmlBody;
        Assert.Contains($"src=\"cid:{image.ContentId}\"", sentHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image", sentHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_HtmlWithoutImages_StaysPlainAlternative()
    {
        var mail = MailComposer.Compose(Message("<p>Hola</p>"), new MailboxOptions { Address = "mesa@sosep.gob.gt" });

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Empty(alternative.OfType<MultipartRelated>());
        Assert.Equal("<p>Hola</p>", alternative.HtmlBody);
    }

    private static OutboxMessage Message(string html) => new()
    {
        Channel = OutboxChannel.Mail,
        DedupKey = "resumen-semanal:2026-03-20:7:Mail",
        Kind = "resumen-semanal",
        Recipient = "director@sosep.gob.gt",
        Subject = "Resumen semanal",
        Text = "Resumen semanal.",
        Html = html,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
