namespace SosepBot.Core.Documents;

/// <summary>A file made on demand and not stored (an export of a list).</summary>
public sealed record ExportedFile(string FileName, string ContentType, byte[] Content, int Rows);
