using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>«Pendientes»: what waits on the person now (Core's <see cref="WaitingWork"/>, the rule of the «Le espera» notices).</summary>
public sealed class IndexModel(RequestQueries queries, TimeProvider time, BusinessCalendar calendar) : ConsolePageModel
{
    public IReadOnlyList<WaitingView> Items { get; private set; } = [];

    public IReadOnlyList<QueueCount> Queues { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public BusinessCalendar Calendar => calendar;

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        Items = await queries.WaitingOnAsync(Actor, 500, HttpContext.RequestAborted);
        Queues = Items.GroupBy(i => (i.Request.ProcedureCode, i.Request.ProcedureName))
            .Select(g => new QueueCount(g.Key.ProcedureCode, g.Key.ProcedureName, g.Count(), g.Count(i => i.Request.IsOverdue)))
            .OrderBy(q => q.Code, StringComparer.Ordinal).ToList();
    }
}
