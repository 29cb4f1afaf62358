using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Errors;
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

    public string? Error { get; private set; }

    public Task<IActionResult> OnPostReintentarAsync(long id) =>
        DecideAsync(async ct => await dead.RetryAsync(Actor, id, ct), $"El aviso {id} volvió a la cola de salida.");

    public Task<IActionResult> OnPostDescartarAsync(long id) =>
        DecideAsync(async ct => await dead.DiscardAsync(Actor, id, ct), WebTexts.NoticeDiscarded(id));

    /// <summary>Done: back to the list with its sentence. Refused by Core (gone, already decided): the list again with the reason.</summary>
    private async Task<IActionResult> DecideAsync(Func<CancellationToken, Task<DeadLetterView>> decide, string done)
    {
        try
        {
            await decide(HttpContext.RequestAborted);
        }
        catch (DomainException e) when (e.Kind is not ErrorKind.Forbidden)
        {
            Error = e.Message;
            await OnGetAsync();
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Done = done;
        return Redirect("/avisos");
    }
}
