using SosepBot.Core.Requests;

namespace SosepBot.Core.Documents;

/// <summary>A stored version of a generated document, with the attachment that holds its file.</summary>
public sealed record GeneratedDocumentView(string RequestNumber, DocumentKind Kind, string Name, int Version, AttachmentView Attachment, string GeneratedBy);
