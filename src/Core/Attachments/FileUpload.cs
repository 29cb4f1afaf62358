namespace SosepBot.Core.Attachments;

/// <summary>A file sent to be attached: its name and type as the sender gave them, and its content (opened again on each try).</summary>
public sealed record FileUpload(string FileName, string ContentType, Func<Stream> Open);
