using SosepBot.Core.Requests;

namespace SosepBot.Documents.Model;

/// <summary>A manual form (DI-Frm_001 … 004) filled from a request.</summary>
internal sealed record FormDocumentData(DocumentStamp Stamp, DateTime RequestDate, string ProcedureCode, string? Description, string RequesterName, FormData Form);
