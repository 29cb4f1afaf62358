using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Documents;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.Core.Units;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages.Solicitudes;

/// <summary>
/// «Solicitudes»: Core's list (<see cref="RequestQueries.ListAsync"/>, with its visibility rules) with its filters, word
/// search, order and paging; the IT director's and the Administrator's export of the same filters (handler «exportar»).
/// </summary>
public sealed class IndexModel(RequestQueries queries, IDocumentService documents, UnitService units, ProcedureCatalog catalog, BusinessCalendar calendar) : ConsolePageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "procedimiento")]
    public string? Procedimiento { get; set; }

    [BindProperty(SupportsGet = true, Name = "estado")]
    public string? Estado { get; set; }

    [BindProperty(SupportsGet = true, Name = "solicitante")]
    public string? Solicitante { get; set; }

    [BindProperty(SupportsGet = true, Name = "asignada")]
    public string? Asignada { get; set; }

    [BindProperty(SupportsGet = true, Name = "unidad")]
    public string? Unidad { get; set; }

    [BindProperty(SupportsGet = true, Name = "abiertas")]
    public bool Abiertas { get; set; }

    [BindProperty(SupportsGet = true, Name = "vencidas")]
    public bool Vencidas { get; set; }

    [BindProperty(SupportsGet = true, Name = "desde")]
    public string? Desde { get; set; }

    [BindProperty(SupportsGet = true, Name = "hasta")]
    public string? Hasta { get; set; }

    [BindProperty(SupportsGet = true, Name = "orden")]
    public string? Orden { get; set; }

    [BindProperty(SupportsGet = true, Name = "dir")]
    public string? Dir { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int Pagina { get; set; } = 1;

    public IReadOnlyList<RequestSummary> Rows { get; private set; } = [];

    public bool HasMore { get; private set; }

    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    public BusinessCalendar Calendar => calendar;

    public bool MayExport => RequestQuery.MayExport(Actor);

    public IEnumerable<ProcedureDefinition> Procedures => catalog.All;

    /// <summary>The orders offered: query value and Spanish label.</summary>
    public static IReadOnlyList<(string Value, string Label)> Orders { get; } =
        [("numero", "Número"), ("apertura", "Fecha de apertura"), ("vence", "Vencimiento"), ("estado", "Estado")];

    public IReadOnlyList<string> States => (catalog.Find(Procedimiento) is { } p ? [p] : catalog.All)
        .SelectMany(d => d.States.Select(s => s.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.CurrentCulture).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        Pagina = Math.Max(1, Pagina);
        Units = await units.ListAsync(HttpContext.RequestAborted);
        var query = Q?.Trim() ?? string.Empty;
        if (query.StartsWith("UI-", StringComparison.OrdinalIgnoreCase) && !query.Contains(' ', StringComparison.Ordinal)
            && RequestNumbers.Normalize(query) is var number && number.Count(c => c == '-') == 2)
        {
            return Redirect($"/solicitudes/{Uri.EscapeDataString(number)}");
        }

        try
        {
            var rows = await queries.ListAsync(Actor, Filter() with { Skip = (Pagina - 1) * PageSize, Take = PageSize + 1 }, HttpContext.RequestAborted);
            HasMore = rows.Count > PageSize;
            Rows = rows.Take(PageSize).ToList();
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Invalid)
        {
            Refusal = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>The workbook of the requests that pass the filters (Core refuses anybody but the IT director and the Administrator).</summary>
    public async Task<IActionResult> OnGetExportarAsync()
    {
        var file = await documents.ExportAsync(Actor, Filter(), HttpContext.RequestAborted);
        return File(file.Content, file.ContentType, file.FileName);
    }

    public string PageLink(int page) => Link(q => q.Key is not ("pagina" or "handler"), ("pagina", page.ToString(CultureInfo.InvariantCulture)));

    public string ExportLink() => Link(q => q.Key is not ("pagina" or "handler"), ("handler", "exportar"));

    public bool Selected(long unitId) => Unidad == unitId.ToString(CultureInfo.InvariantCulture);

    private string Link(Func<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>, bool> keep, (string Key, string Value) extra)
    {
        var query = new QueryBuilder(Request.Query.Where(keep)) { { extra.Key, extra.Value } };
        return "/solicitudes" + query.ToQueryString();
    }

    private RequestFilter Filter() => new()
    {
        Search = Blank(Q),
        ProcedureCode = Blank(Procedimiento),
        State = Blank(Estado),
        RequesterEmail = Blank(Solicitante),
        AssigneeEmail = Blank(Asignada),
        UnitId = Blank(Unidad) is { } unit
            ? long.TryParse(unit, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new DomainException(ErrorKind.Invalid, WebTexts.UnknownUnit)
            : null,
        OpenOnly = Abiertas,
        OverdueOnly = Vencidas,
        CreatedFrom = RequestQuery.ParseDay(Desde, "desde"),
        CreatedTo = RequestQuery.ParseDay(Hasta, "hasta"),
        Sort = RequestQuery.ParseSort(Orden, "orden"),
        Ascending = string.Equals(Dir, "asc", StringComparison.OrdinalIgnoreCase),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
