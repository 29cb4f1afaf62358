namespace SosepBot.Core.Notifications;

/// <summary>Every refusal of the outbox's dead letters (<see cref="DeadLetters"/>) and the outbox's own causes of a failed send, in one place for a reviewer.</summary>
public static class NotificationTexts
{
    public static string NoSuchMessage(long id) => $"No existe el mensaje {id} en la cola de salida.";

    public static string NotDeadLettered(long id, string state) =>
        $"El mensaje {id} no está entre los no entregados (está {state}); no hay nada que reintentar.";

    public static string DecidedMeanwhile(long id) => $"Otra persona decidió sobre el mensaje {id} al mismo tiempo; revise la lista de nuevo.";

    public static string RetriedMeanwhile(long id) => $"Otra persona reintentó el mensaje {id} al mismo tiempo; revise la lista de nuevo.";

    /// <summary>A send whose instance stopped before recording it (<see cref="OutboxDispatcher"/>): it may have gone out.</summary>
    public const string SendInDoubt = "El servicio se detuvo mientras enviaba este mensaje, sin saber si salió; se envía de nuevo (la persona podría recibirlo dos veces).";

    /// <summary>A message whose sends stopped the service every time, up to the attempts allowed: dead-lettered.</summary>
    public static string SendKeptDying(int attempts) =>
        $"El servicio se detuvo las {attempts} veces que intentó enviar este mensaje; no se intenta más hasta que alguien lo reintente.";

    /// <summary>A send abandoned before its lease ended (<see cref="OutboxOptions.SendLimit"/>).</summary>
    public static string SendOutlivedLease(int seconds) => $"El envío no terminó en {seconds} segundos, el tiempo que tenía reservado; se intentará de nuevo.";
}
