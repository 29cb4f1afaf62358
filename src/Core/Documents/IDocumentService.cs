using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Documents;

/// <summary>
/// Produces the manual's paperwork from a request and keeps every version with the request. Channels
/// (API, Teams, mail) call it and deliver the stored file. Refusals are <see cref="Errors.DomainException"/>s;
/// a request the actor does not take part in is "not found", whoever asks.
/// </summary>
public interface IDocumentService
{
    /// <summary>
    /// The current version of the document: made and stored as a new version when there is none or the request's
    /// data (or photos) changed since the last one, else the last version as it is.
    /// </summary>
    Task<GeneratedDocumentView> GenerateAsync(Actor actor, string number, DocumentKind kind, CancellationToken cancellationToken);

    /// <summary>Every stored version of every document of the request, oldest first.</summary>
    Task<IReadOnlyList<GeneratedDocumentView>> ListAsync(Actor actor, string number, CancellationToken cancellationToken);

    /// <summary>The documents the actor may make (or fetch the current version of) for the request now; the others <see cref="GenerateAsync"/> refuses.</summary>
    Task<IReadOnlyList<DocumentKind>> AvailableAsync(Actor actor, string number, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ListAsync"/> and <see cref="AvailableAsync"/> together for a request the caller has already read for the
    /// actor (<see cref="RequestQueries.GetAsync"/>: its visibility checked), the request read once.
    /// </summary>
    Task<RequestDocuments> OfRequestAsync(RequestDetails details, CancellationToken cancellationToken);

    /// <summary>Opens a stored version (the latest when <paramref name="version"/> is null) without generating anything.</summary>
    Task<(GeneratedDocumentView Document, Stream Content)> OpenAsync(Actor actor, string number, DocumentKind kind, int? version, CancellationToken cancellationToken);

    /// <summary>The IT director's Excel export of a filtered list of requests, with the time spent in each state.</summary>
    Task<ExportedFile> ExportAsync(Actor actor, RequestFilter filter, CancellationToken cancellationToken);
}
