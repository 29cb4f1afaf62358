namespace SosepBot.Core.Audit;

public enum AuditKind
{
    Created = 1,
    Transition = 2,
    Comment = 3,
    Attachment = 4,

    /// <summary>A file carrying personal data (a DPI or NIT copy, a form with CUI and NIT) was downloaded; shown to IT staff only.</summary>
    Download = 5,
}
