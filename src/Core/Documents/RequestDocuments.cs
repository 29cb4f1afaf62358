namespace SosepBot.Core.Documents;

/// <summary>A request's stored document versions (oldest first) and the documents the actor may make now.</summary>
public sealed record RequestDocuments(IReadOnlyList<GeneratedDocumentView> Versions, IReadOnlyList<DocumentKind> Available);
