namespace SosepBot.Core.Attachments;

/// <summary>A file of a request. The bytes live in the attachment store, not in the row.</summary>
public sealed class Attachment
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public AttachmentKind Kind { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Key of the content in the store (relative path); never shown to users.</summary>
    public required string StorageKey { get; set; }

    public long UploadedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
