namespace SosepBot.Core.Documents;

/// <summary>
/// One version of a generated document of a request. The file itself is an <see cref="Attachments.Attachment"/>;
/// versions are only ever added (a correction makes version N+1, never overwrites N).
/// </summary>
public sealed class GeneratedDocument
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public DocumentKind Kind { get; set; }

    /// <summary>1, 2, 3… per request and kind.</summary>
    public int Version { get; set; }

    public long AttachmentId { get; set; }

    /// <summary>SHA-256 (hex) of the data the document was made from; the same data gives the same version back.</summary>
    public required string Fingerprint { get; set; }

    public long GeneratedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
