namespace SosepBot.Core.Attachments;

/// <summary>Keeps attachment bytes outside the database rows.</summary>
public interface IAttachmentStore
{
    /// <summary>Stores the content (at most <paramref name="maxBytes"/>) and returns its key, size and SHA-256.</summary>
    Task<StoredContent> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    Task<Stream> OpenAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes content whose row was never committed.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every stored content (and unfinished write) with when it was last written, for the orphan sweep.</summary>
    IEnumerable<StoredKey> List();
}
