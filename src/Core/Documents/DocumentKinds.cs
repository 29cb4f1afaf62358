using System.Collections.Frozen;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Documents;

/// <summary>URL names, Spanish names, file types and attachment kinds of the generated documents.</summary>
public static class DocumentKinds
{
    public const string PdfType = "application/pdf";
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly FrozenDictionary<DocumentKind, (string Slug, string Spanish)> Names = new Dictionary<DocumentKind, (string, string)>
    {
        [DocumentKind.DictamenExcel] = ("dictamen-excel", "dictamen técnico (Excel)"),
        [DocumentKind.DictamenPdf] = ("dictamen-pdf", "dictamen técnico (PDF)"),
        [DocumentKind.Formulario] = ("formulario", "formulario para firma"),
        [DocumentKind.ConformidadMantenimiento] = ("conformidad", "formulario de conformidad del mantenimiento"),
    }.ToFrozenDictionary();

    public static string Slug(this DocumentKind kind) => Names[kind].Slug;

    public static string ToSpanish(this DocumentKind kind) => Names[kind].Spanish;

    public static string ContentType(this DocumentKind kind) => kind == DocumentKind.DictamenExcel ? ExcelType : PdfType;

    public static string Extension(this DocumentKind kind) => kind == DocumentKind.DictamenExcel ? ".xlsx" : ".pdf";

    /// <summary>The attachment kind the document is stored as. Generated forms are never the signed copies the guards ask for.</summary>
    public static AttachmentKind AttachmentKind(this DocumentKind kind) => kind switch
    {
        DocumentKind.DictamenExcel or DocumentKind.DictamenPdf => Attachments.AttachmentKind.Dictamen,
        DocumentKind.Formulario => Attachments.AttachmentKind.FormularioParaFirma,
        _ => Attachments.AttachmentKind.FormatoMantenimiento,
    };

    /// <summary>"dictamen-pdf", "DictamenPdf" → the kind; anything else is refused with the list of names.</summary>
    public static DocumentKind Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        foreach (var (kind, names) in Names)
        {
            if (string.Equals(value, names.Slug, StringComparison.OrdinalIgnoreCase) || string.Equals(value, kind.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new DomainException(ErrorKind.NotFound,
            RequestTexts.UnknownDocument(value, Names.Values.Select(n => n.Slug))) { Field = "documento" };
    }
}
