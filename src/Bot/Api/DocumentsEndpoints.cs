using SosepBot.Bot.Auth;
using SosepBot.Core.Documents;
using SosepBot.Core.People;

namespace SosepBot.Bot.Api;

/// <summary>
/// The paperwork of a request (dictamen, forms, conformity form) and the IT director's export, over
/// <see cref="IDocumentService"/>. A request the caller does not take part in answers 404, like a number that does not exist.
/// </summary>
public static class DocumentsEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Documentos");

        // Every stored version of every document of the request.
        api.MapGet("/requests/{number}/documents", async (string number, HttpContext http, PeopleService people, IDocumentService documents) =>
            await documents.ListAsync(await http.ActorAsync(people), number, http.RequestAborted));

        // Makes the document (a new version only when the request's data changed) and returns what was stored.
        api.MapPost("/requests/{number}/documents/{kind}", async (string number, string kind, HttpContext http, PeopleService people, IDocumentService documents) =>
        {
            var document = await documents.GenerateAsync(await http.ActorAsync(people), number, DocumentKinds.Parse(kind), http.RequestAborted);
            return Results.Created($"/api/requests/{document.RequestNumber}/documents/{document.Kind.Slug()}?version={document.Version}", document);
        });

        // Downloads a version; without ?version= the current one (made first when there is none or the data changed).
        api.MapGet("/requests/{number}/documents/{kind}", async (
            string number, string kind, int? version, HttpContext http, PeopleService people, IDocumentService documents) =>
        {
            var actor = await http.ActorAsync(people);
            var parsed = DocumentKinds.Parse(kind);
            if (version is null)
            {
                await documents.GenerateAsync(actor, number, parsed, http.RequestAborted);
            }

            var (document, content) = await documents.OpenAsync(actor, number, parsed, version, http.RequestAborted);
            http.Response.Headers["X-Document-Version"] = document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.File(content, document.Attachment.ContentType, document.Attachment.FileName);
        });

        // The IT director's (and the Administrator's) Excel export; the same filters as GET /api/requests.
        api.MapGet("/requests/export", async (HttpContext http, PeopleService people, IDocumentService documents, [AsParameters] RequestListParameters query) =>
        {
            var file = await documents.ExportAsync(await http.ActorAsync(people), query.ToFilter() with { Skip = 0 }, http.RequestAborted);
            return Results.File(file.Content, file.ContentType, file.FileName);
        });

        return app;
    }
}
