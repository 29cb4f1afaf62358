using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.Core.Validation;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages.Solicitudes;

/// <summary>«Solicitudes»: Core's list (<see cref="RequestQueries.ListAsync"/>, with its visibility rules) with filters and paging.</summary>
public sealed class IndexModel(RequestQueries queries, ProcedureCatalog catalog, BusinessCalendar calendar) : ConsolePageModel
{
    private const int PageSize = 25;

    /// <summary>Words are looked for in at most this many of the newest requests that pass the filters (Core's list has no text search yet).</summary>
    private const int MaxWordScan = 2000;

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

    [BindProperty(SupportsGet = true, Name = "abiertas")]
    public bool Abiertas { get; set; }

    [BindProperty(SupportsGet = true, Name = "vencidas")]
    public bool Vencidas { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int Pagina { get; set; } = 1;

    public IReadOnlyList<RequestSummary> Rows { get; private set; } = [];

    public bool HasMore { get; private set; }

    public int? WordsScanned { get; private set; }

    public BusinessCalendar Calendar => calendar;

    public IEnumerable<ProcedureDefinition> Procedures => catalog.All;

    public IReadOnlyList<string> States => (catalog.Find(Procedimiento) is { } p ? [p] : catalog.All)
        .SelectMany(d => d.States.Select(s => s.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.CurrentCulture).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        Pagina = Math.Max(1, Pagina);
        var query = Q?.Trim() ?? string.Empty;
        if (query.StartsWith("UI-", StringComparison.OrdinalIgnoreCase))
        {
            return Redirect($"/solicitudes/{Uri.EscapeDataString(RequestNumbers.Normalize(query))}");
        }

        var filter = new RequestFilter
        {
            ProcedureCode = string.IsNullOrWhiteSpace(Procedimiento) ? null : Procedimiento,
            State = string.IsNullOrWhiteSpace(Estado) ? null : Estado,
            RequesterEmail = string.IsNullOrWhiteSpace(Solicitante) ? null : Solicitante,
            AssigneeEmail = string.IsNullOrWhiteSpace(Asignada) ? null : Asignada,
            OpenOnly = Abiertas,
            OverdueOnly = Vencidas,
        };
        if (query.Length == 0)
        {
            var rows = await queries.ListAsync(Actor, filter with { Skip = (Pagina - 1) * PageSize, Take = PageSize + 1 }, HttpContext.RequestAborted);
            HasMore = rows.Count > PageSize;
            Rows = rows.Take(PageSize).ToList();
            return Page();
        }

        var words = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matches = new List<RequestSummary>();
        var scanned = 0;
        while (scanned < MaxWordScan)
        {
            var chunk = await queries.ListAsync(Actor, filter with { Skip = scanned, Take = 200 }, HttpContext.RequestAborted);
            scanned += chunk.Count;
            matches.AddRange(chunk.Where(r => words.All(Fold(r.Title).Contains)));
            if (chunk.Count < 200)
            {
                break;
            }
        }

        WordsScanned = scanned;
        HasMore = matches.Count > Pagina * PageSize;
        Rows = matches.Skip((Pagina - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    public string PageLink(int page)
    {
        var query = new QueryBuilder(Request.Query.Where(q => q.Key != "pagina")) { { "pagina", page.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        return "/solicitudes" + query.ToQueryString();
    }

    private static string Fold(string text) => Accents.Strip(text).ToLowerInvariant();
}
