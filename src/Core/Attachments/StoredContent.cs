namespace SosepBot.Core.Attachments;

/// <summary>Where content went, how big it is, its SHA-256 (hex) and its first bytes (for type sniffing).</summary>
public sealed record StoredContent(string Key, long Size, string Sha256, byte[] Head);
