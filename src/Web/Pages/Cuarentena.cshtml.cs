using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Mail;
using SosepBot.Core.Scheduling;
using SosepBot.Mailbox.Quarantine;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>«Correo en cuarentena» (IT staff): held mail with its reason; release it (processed as normal mail) or discard it.</summary>
[StaffOnly]
public sealed class CuarentenaModel(QuarantineService quarantine, BusinessCalendar calendar) : ConsolePageModel
{
    public BusinessCalendar Calendar => calendar;

    public IReadOnlyList<QuarantineView> Held { get; private set; } = [];

    public IReadOnlyList<QuarantineView> Decided { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        var all = await quarantine.ListAsync(Actor, null, HttpContext.RequestAborted);
        Held = all.Where(q => q.Status == QuarantineStatus.Held).ToList();
        Decided = all.Where(q => q.Status != QuarantineStatus.Held).Take(50).ToList();
    }

    public Task<IActionResult> OnPostLiberarAsync(long id) =>
        DecideAsync(ct => quarantine.ReleaseAsync(Actor, id, ct), WebTexts.MailReleased(id));

    public Task<IActionResult> OnPostDescartarAsync(long id) =>
        DecideAsync(ct => quarantine.DiscardAsync(Actor, id, ct), WebTexts.MailDiscarded(id));

    public static string StatusName(QuarantineStatus status) => status switch
    {
        QuarantineStatus.Released => "liberado",
        QuarantineStatus.Discarded => "descartado",
        _ => "retenido",
    };

    private Task<IActionResult> DecideAsync(Func<CancellationToken, Task<QuarantineView>> decide, string done) =>
        ChangeAsync(async ct => { await decide(ct); return done; }, d => Done = d, "/cuarentena", OnGetAsync, StatusCodes.Status409Conflict);
}
