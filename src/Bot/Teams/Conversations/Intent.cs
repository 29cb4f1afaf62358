namespace SosepBot.Bot.Teams.Conversations;

/// <summary>What a typed message asks for (see <see cref="TextIntents.Classify"/>).</summary>
public enum Intent
{
    /// <summary>Nothing recognisable: a short «no entendí» with two suggestions.</summary>
    Unknown,

    Greeting,

    Help,

    /// <summary>Thanks or a goodbye: a short friendly answer.</summary>
    Thanks,

    /// <summary>«sí», «dale», «simón»…: confirms the pending proposal.</summary>
    Yes,

    /// <summary>«no», «nel», «no gracias»…: drops the pending proposal.</summary>
    No,

    Menu,

    /// <summary>«mis solicitudes»: all of the person's requests.</summary>
    Mine,

    /// <summary>«¿cómo va mi solicitud?»: the person's open requests, never a new ticket.</summary>
    Status,

    Queue,

    Quarantine,

    DeadLetters,

    Notices,

    /// <summary>A request number («UI-2026-00042», «historial UI-2026-00042»).</summary>
    Request,

    /// <summary>A procedure code («DS-UI-07», «siges»): its form.</summary>
    Form,

    /// <summary>A problem described in words: a support ticket is proposed.</summary>
    Ticket,
}
