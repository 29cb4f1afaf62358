namespace SosepBot.Core.Notifications;

/// <summary>Every refusal of the outbox's dead letters (<see cref="DeadLetters"/>) and the outbox's own causes of a failed send, in one place for a reviewer.</summary>
public static class NotificationTexts
{
    public static string NoSuchMessage(long id) => $"No existe el mensaje {id} en la cola de salida.";

    public static string NotDeadLettered(long id, string state) =>
        $"El mensaje {id} no está entre los no entregados (está {state}); no hay nada que reintentar.";

    public static string DecidedMeanwhile(long id) => $"Otra persona decidió sobre el mensaje {id} al mismo tiempo; revise la lista de nuevo.";

    public static string RetriedMeanwhile(long id) => $"Otra persona reintentó el mensaje {id} al mismo tiempo; revise la lista de nuevo.";

    /// <summary>A send abandoned before its lease ended (<see cref="OutboxOptions.SendLimit"/>).</summary>
    public static string SendOutlivedLease(int seconds) => $"El envío no terminó en {seconds} segundos, el tiempo que tenía reservado; se intentará de nuevo.";
}
