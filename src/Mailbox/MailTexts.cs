namespace SosepBot.Mailbox;

/// <summary>Every refusal of the mail quarantine (<see cref="Quarantine.QuarantineService"/>), in one place for a reviewer.</summary>
public static class MailTexts
{
    public static string NoSuchQuarantinedMail(long id) => $"No existe el correo en cuarentena {id}.";

    public static string AlreadyDecided(long id) => $"El correo en cuarentena {id} ya fue liberado o descartado.";
}
