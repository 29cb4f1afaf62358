using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Notifications;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>«Avisos no entregados» (IT staff): Core's dead letters and the notices waiting for a channel; retry one.</summary>
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

    public async Task<IActionResult> OnPostReintentarAsync(long id)
    {
        await dead.RetryAsync(Actor, id, HttpContext.RequestAborted);
        Done = $"El aviso {id} volvió a la cola de salida.";
        return Redirect("/avisos");
    }
}
