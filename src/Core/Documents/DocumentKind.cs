namespace SosepBot.Core.Documents;

/// <summary>The paperwork the service produces from a request's data.</summary>
public enum DocumentKind
{
    /// <summary>DS-UI-05: the dictamen técnico as an Excel workbook (data on the front sheet, photos on the back sheet).</summary>
    DictamenExcel = 1,

    /// <summary>DS-UI-05: the dictamen técnico as a PDF for printing and signing.</summary>
    DictamenPdf = 2,

    /// <summary>The manual's form (DI-Frm_001 … DI-Frm_004) of the request, filled in, for signing.</summary>
    Formulario = 3,

    /// <summary>DS-UI-03: the maintenance conformity form of one visit, for the user's signature.</summary>
    ConformidadMantenimiento = 4,
}
