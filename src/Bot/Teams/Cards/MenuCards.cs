using System.Text.Json.Nodes;
using SosepBot.Bot.Teams.Conversations;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;

namespace SosepBot.Bot.Teams.Cards;

/// <summary>Welcome, help and menu, in Spanish; the menu offers the procedures the person may open.</summary>
public static class MenuCards
{
    public const string FormVerb = "formulario";
    public const string MineVerb = "misSolicitudes";
    public const string QueueVerb = "pendientes";
    public const string TicketVerb = "abrirTicket";
    public const string CancelVerb = "cancelar";

    /// <summary>What the bot does, with the commands of IT staff only for them.</summary>
    public static string Help(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var lines = new List<string>
        {
            "Puedo ayudarle con las solicitudes a la **Unidad de Informática**:",
            string.Empty,
            "- Describa su problema con sus palabras (p. ej. «mi impresora no imprime») y le abro un ticket de soporte.",
            "- **menú**: los procedimientos que puede solicitar, cada uno con su formulario.",
            "- **mis solicitudes**: sus solicitudes y su estado; también puede preguntar «¿cómo va mi solicitud?».",
            "- **UI-2026-00042**: el estado de una solicitud; **historial UI-2026-00042**: todo lo que ha pasado.",
            "- Adjunte un archivo escribiendo el número de la solicitud (p. ej. «UI-2026-00042 dpi»).",
        };
        if (HasQueue(person))
        {
            lines.Add("- **pendientes**: el trabajo que espera de usted.");
        }

        if (IsItStaff(person))
        {
            lines.Add("- **cuarentena** y **no entregados**: el correo retenido y los avisos que no se pudieron entregar.");
        }

        lines.Add("- **ayuda**: este mensaje.");
        lines.Add(string.Empty);
        lines.Add("Le avisaré aquí de cada cambio en sus solicitudes.");
        return string.Join("\n", lines);
    }

    public static string Welcome(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var name = person.DisplayName;
        return $"¡Hola{(string.IsNullOrWhiteSpace(name) ? string.Empty : ", " + name)}! Soy el asistente de la mesa de ayuda de la Unidad de Informática de la SOSEP.\n\n"
            + Help(person);
    }

    /// <summary>IT staff: the housekeeping commands (quarantined mail, undelivered notices) are theirs.</summary>
    public static bool IsItStaff(Person person) => person?.Roles.Any(r => RoleNames.ItStaff.Contains(r.Role)) == true;

    /// <summary>People whose work may wait in a queue: IT staff, and the directors, Despacho and Inventarios who sign.</summary>
    public static bool HasQueue(Person person) =>
        person?.Roles.Any(r => RoleNames.ItStaff.Contains(r.Role) || r.Role is Role.UnitDirector or Role.Despacho or Role.Inventory) == true;

    public static string Unregistered(string? aadObjectId) =>
        "Hola. Todavía no está registrado(a) en la mesa de ayuda de la Unidad de Informática, así que no puedo abrir ni mostrar "
        + "solicitudes a su nombre. Pida a la Unidad de Informática que le registre con su correo institucional"
        + (string.IsNullOrWhiteSpace(aadObjectId) ? "." : $" e indique este identificador de su cuenta: `{aadObjectId}`.")
        + " En cuanto le registren, vuelva a escribirme.";

    public static JsonObject Menu(Person person, ProcedureCatalog catalog, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(catalog);
        var body = new List<JsonNode?>();
        if (message is not null)
        {
            body.Add(Card.Text(message, subtle: true));
        }

        body.Add(Card.Title("Mesa de ayuda · Unidad de Informática"));
        body.Add(Card.Text("¿Qué necesita? Elija un procedimiento para llenar su formulario, o escriba su problema en el chat."));
        // DS-UI-06 is for the departmental sites' people (their unit's kind) and IT staff registering calls.
        var itStaff = IsItStaff(person);
        var procedures = catalog.Procedures.Where(p => p.OpenedBy.Count == 0 || p.OpenedBy.Any(person.Holds))
            .Where(p => p.Code != ProcedureCodes.SoporteSedes || person.IsDepartmentalSite || itStaff).ToList();
        body.Add(Card.Actions(procedures.Select(p => (JsonNode)Card.Execute($"{p.Code} · {p.Name}", FormVerb, new JsonObject { ["procedure"] = p.Code }))));
        var actions = new List<JsonNode?> { Card.Execute("Mis solicitudes", MineVerb) };
        if (HasQueue(person))
        {
            actions.Add(Card.Execute("Trabajo pendiente", QueueVerb));
        }

        if (itStaff)
        {
            actions.Add(Card.Execute("Correo en cuarentena", AdminCards.QuarantineVerb));
            actions.Add(Card.Execute("Avisos no entregados", AdminCards.DeadLettersVerb));
        }

        return Card.Create(body, actions);
    }

    /// <summary>The proposal to open a ticket with the message: its buttons, or a typed «sí» / «no» (<see cref="Conversations.TeamsBot"/>).</summary>
    public static JsonObject ConfirmTicket(string text, ProcedureDefinition procedure, long source, int keptLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(procedure);
        var body = new List<JsonNode?>
        {
            Card.Title("¿Abro un ticket?"),
            Card.Text($"Puedo abrir un ticket de **{procedure.Name}** ({procedure.Code}) con su mensaje:"),
            Card.Text($"«{ChatReplies.Quote(text, ChatReplies.ProposalQuote)}»", subtle: true),
        };
        if (keptLength < text.Length)
        {
            body.Add(Card.Text(string.Create(ChatReplies.Spanish, $"Su mensaje tiene {text.Length:N0} caracteres: el ticket guardará los primeros {keptLength:N0}."),
                size: "Small", color: "Warning"));
        }

        body.Add(Card.Text("Pulse un botón o responda «sí» o «no» en el chat.", size: "Small", subtle: true));
        return Card.Create(
            body,
            [
                Card.Execute("Sí, abrir el ticket", TicketVerb, new JsonObject { ["source"] = source, ["procedure"] = procedure.Code }, style: "positive"),
                Card.Execute("No, gracias", CancelVerb),
            ]);
    }
}
