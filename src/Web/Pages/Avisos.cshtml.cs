using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Notifications;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>«Avisos no entregados» (IT staff): Core's dead letters and the notices waiting for a channel; retry or discard one.</summary>
[StaffOnly]
public sealed class AvisosModel(DeadLetters dead) : ConsolePageModel
{
    public IReadOnlyList<DeadLetterView> Dead { get; private set; } = [];

    public IReadOnlyList<DeadLetterView> Waiting { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        Dead = await dead.ListAsync(Actor, HttpContext.RequestAborted);
        Waiting = await dead.AwaitingChannelAsync(Actor, HttpContext.RequestAborted);
    }

    public Task<IActionResult> OnPostReintentarAsync(long id) =>
        DecideAsync(ct => dead.RetryAsync(Actor, id, ct), $"El aviso {id} volvió a la cola de salida.");

    public Task<IActionResult> OnPostDescartarAsync(long id) =>
        DecideAsync(ct => dead.DiscardAsync(Actor, id, ct), WebTexts.NoticeDiscarded(id));

    private Task<IActionResult> DecideAsync(Func<CancellationToken, Task<DeadLetterView>> decide, string done) =>
        ChangeAsync(async ct => { await decide(ct); return done; }, d => Done = d, "/avisos", OnGetAsync, StatusCodes.Status409Conflict);
}
