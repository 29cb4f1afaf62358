using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>«Pendientes»: what waits on the person now (Core's <see cref="WaitingWork"/>, the rule of the «Le espera» notices).</summary>
public sealed class IndexModel(RequestQueries queries, TimeProvider time, BusinessCalendar calendar) : ConsolePageModel
{
    public IReadOnlyList<WaitingView> Items { get; private set; } = [];

    public IReadOnlyList<WaitingCount> Queues { get; private set; } = [];

    /// <summary>Requests listed per page, the most urgent first.</summary>
    public const int PageSize = 50;

    /// <summary>How many wait in all (the list shows one page of them).</summary>
    public int Total { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public BusinessCalendar Calendar => calendar;

    /// <summary>The page asked for (1 = the most urgent <see cref="PageSize"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int Pagina { get; set; } = 1;

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        Pagina = Math.Max(1, Pagina);
        var waiting = await queries.WaitingOnAsync(Actor, (Pagina - 1) * PageSize, PageSize, HttpContext.RequestAborted);
        if (waiting.Items.Count == 0 && waiting.Total > 0)
        {
            // A page past the last (the list shrank since the link was made): the last one.
            Pagina = (waiting.Total + PageSize - 1) / PageSize;
            waiting = await queries.WaitingOnAsync(Actor, (Pagina - 1) * PageSize, PageSize, HttpContext.RequestAborted);
        }

        (Items, Total, Queues) = (waiting.Items, waiting.Total, waiting.Queues);
    }

    public static string PageLink(int page) => page <= 1 ? "/" : string.Create(CultureInfo.InvariantCulture, $"/?pagina={page}#lista");
}
