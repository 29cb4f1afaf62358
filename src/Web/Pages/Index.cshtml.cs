using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>«Pendientes»: what waits on the person now (Core's <see cref="WaitingWork"/>, the rule of the «Le espera» notices).</summary>
public sealed class IndexModel(RequestQueries queries, TimeProvider time, BusinessCalendar calendar) : ConsolePageModel
{
    public IReadOnlyList<WaitingView> Items { get; private set; } = [];

    public IReadOnlyList<WaitingCount> Queues { get; private set; } = [];

    /// <summary>How many wait in all (the list shows the first 500).</summary>
    public int Total { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public BusinessCalendar Calendar => calendar;

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        var waiting = await queries.WaitingOnAsync(Actor, 500, HttpContext.RequestAborted);
        (Items, Total, Queues) = (waiting.Items, waiting.Total, waiting.Queues);
    }
}
