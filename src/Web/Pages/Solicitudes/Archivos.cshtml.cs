using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.Requests;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages.Solicitudes;

/// <summary>
/// A request's files through <see cref="RequestFiles"/>, as the API takes and gives them: POST attaches the chosen files
/// (all or none; Core's checks and Spanish refusals) and goes back to the request's page; GET downloads one, with Core's
/// visibility rule and download record. A request the person may not see is the console's Spanish 404 page.
/// </summary>
public sealed class ArchivosModel(RequestFiles files) : ConsolePageModel
{
    [FromRoute(Name = "numero")]
    public string Numero { get; set; } = string.Empty;

    /// <summary>Read by the request's page after the redirect (the same TempData keys as its own).</summary>
    [TempData]
    public string? Done { get; set; }

    [TempData]
    public string? Rechazo { get; set; }

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        if (id is not { } attachment)
        {
            return Redirect(Back);
        }

        var (view, content) = await files.OpenAttachmentAsync(Actor, Numero, attachment, HttpContext.RequestAborted);
        return File(content, view.ContentType, view.FileName);
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? archivos, string? tipo)
    {
        try
        {
            var kind = ParseKind(tipo);
            var uploads = (archivos ?? []).Where(f => f.FileName.Length > 0) // a file input left empty still sends a nameless part
                .Select(f => new FileUpload(f.FileName, f.ContentType, f.OpenReadStream)).ToList();
            var saved = await files.AttachAllAsync(Actor, Numero, kind, uploads, HttpContext.RequestAborted);
            Done = WebTexts.FilesAttached(saved.Select(s => s.FileName).ToList());
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.InvalidState)
        {
            Rechazo = e.Message;
        }

        return Redirect(Back + "#archivos");
    }

    private string Back => $"/solicitudes/{Uri.EscapeDataString(RequestNumbers.Normalize(Numero))}";

    /// <summary>The kind chosen in the form's list (its enum names); none chosen is «Otro».</summary>
    private static AttachmentKind ParseKind(string? text) =>
        string.IsNullOrWhiteSpace(text) ? AttachmentKind.Otro
        : Enum.TryParse<AttachmentKind>(text, ignoreCase: false, out var kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _) ? kind
        : throw new DomainException(ErrorKind.Invalid, RequestTexts.UnknownAttachmentKind) { Field = "tipo" };
}
