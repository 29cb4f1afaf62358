using System.Text.Json.Nodes;
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

    public const string Help = """
        Puedo ayudarle con las solicitudes a la **Unidad de Informática**:

        - Describa su problema con sus palabras (p. ej. «mi impresora no imprime») y le abro un ticket de soporte.
        - **menú**: los procedimientos que puede solicitar, cada uno con su formulario.
        - **mis solicitudes**: sus solicitudes y en qué estado están.
        - **UI-2026-00042**: el estado de una solicitud; **historial UI-2026-00042**: todo lo que ha pasado.
        - Adjunte un archivo escribiendo el número de la solicitud (p. ej. «UI-2026-00042 dpi»).
        - **pendientes**: el trabajo que espera de usted (personal de la Unidad de Informática).
        - **cuarentena** y **no entregados**: el correo retenido y los avisos que no se pudieron entregar (personal de la Unidad de Informática).
        - **ayuda**: este mensaje.

        Le avisaré aquí de cada cambio en sus solicitudes.
        """;

    public static string Welcome(string? name) =>
        $"¡Hola{(string.IsNullOrWhiteSpace(name) ? string.Empty : ", " + name)}! Soy el asistente de la mesa de ayuda de la Unidad de Informática de la SOSEP.\n\n" + Help;

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
        var itStaff = person.Roles.Any(r => RoleNames.ItStaff.Contains(r.Role));
        var procedures = catalog.Procedures.Where(p => p.OpenedBy.Count == 0 || p.OpenedBy.Any(person.Holds))
            .Where(p => p.Code != ProcedureCodes.SoporteSedes || person.IsDepartmentalSite || itStaff).ToList();
        body.Add(Card.Actions(procedures.Select(p => (JsonNode)Card.Execute($"{p.Code} · {p.Name}", FormVerb, new JsonObject { ["procedure"] = p.Code }))));
        var actions = new List<JsonNode?> { Card.Execute("Mis solicitudes", MineVerb) };
        if (person.Roles.Any(r => RoleNames.ItStaff.Contains(r.Role) || r.Role is Role.UnitDirector or Role.Despacho or Role.Inventory))
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

    public static JsonObject ConfirmTicket(string text, ProcedureDefinition procedure, long source)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var quoted = text.Length > 300 ? text[..300] + "…" : text;
        return Card.Create(
            [
                Card.Title("¿Abro un ticket?"),
                Card.Text($"Puedo abrir un ticket de **{procedure.Name}** ({procedure.Code}) con su mensaje:"),
                Card.Text($"«{quoted}»", subtle: true),
            ],
            [
                Card.Execute("Sí, abrir el ticket", TicketVerb, new JsonObject { ["source"] = source, ["procedure"] = procedure.Code }, style: "positive"),
                Card.Execute("No, gracias", CancelVerb),
            ]);
    }
}
