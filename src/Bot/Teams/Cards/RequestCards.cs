using System.Globalization;
using System.Text.Json.Nodes;
using SosepBot.Core.Audit;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Bot.Teams.Cards;

/// <summary>
/// Cards about requests: one request (status, data, history and the work actions the person may take now,
/// as Universal Actions that refresh the card in place) and lists of requests.
/// </summary>
public static class RequestCards
{
    public const string ShowVerb = "ver";
    public const string FireVerb = "accion";
    public const string HistoryVerb = "historial";

    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-GT");

    public static JsonObject Details(
        RequestDetails d,
        ProcedureDefinition definition,
        TimeZoneInfo zone,
        Func<Role, IReadOnlyList<AssigneeChoice>> people,
        string? userId,
        string? message = null,
        bool isError = false,
        bool fullHistory = false)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(people);
        var s = d.Summary;
        var body = new List<JsonNode?>();
        if (message is not null)
        {
            body.Add(isError ? Card.Error(message) : Card.Success(message));
        }

        body.Add(Card.Title($"{s.Number} · {s.Title}"));
        body.Add(Card.Facts(
        [
            ("Procedimiento", $"{s.ProcedureCode} {s.ProcedureName}"),
            ("Estado", s.IsOverdue ? $"{s.State} (vencida)" : s.State),
            ("Solicitante", s.Requester.Name),
            ("Asignada a", s.Assignee?.Name ?? "(sin asignar)"),
            ("Prioridad", s.Priority.ToString()),
            ("Abierta", Local(s.CreatedAt, zone)),
            ("Vence", s.DueAt is { } due && !s.IsClosed ? Local(due, zone) : null),
            ("Archivos", d.Attachments.Count == 0 ? null : string.Join(", ", d.Attachments.Select(a => a.FileName))),
        ]));
        if (BeyondTitle(s.Title, d.Description) is { } description)
        {
            body.Add(Card.Text(description, subtle: true));
        }

        var history = fullHistory ? d.History : d.History.TakeLast(5).ToList();
        if (history.Count > 0)
        {
            body.Add(Card.Text(fullHistory ? "Historial completo" : "Últimos movimientos", weight: "Bolder"));
            foreach (var h in history)
            {
                body.Add(Card.Text($"{Local(h.At, zone)} · {h.Actor} ({h.Role}): {Describe(h, definition)}", size: "Small"));
            }
        }

        // A sign-off the person already recorded (the technician's signature of a dictamen…) is no longer offered.
        var offered = d.Actions.Where(a => definition.Transition(a.Action)?.RecordsApproval is not { } approval || !d.Approvals.Contains(approval)).ToList();
        var actions = new List<JsonNode?>();
        foreach (var a in offered)
        {
            actions.Add(ActionButton(d, definition, a, people));
        }

        var files = offered.SelectMany(a => a.MissingFiles).ToList();
        foreach (var missing in offered.SelectMany(a => a.Missing).Distinct())
        {
            // Only a missing file can be sent in the chat, named by the word for its kind; anything else (another
            // person's signature…) is only said.
            body.Add(Card.Text(
                files.Find(f => f.Description == missing) is { } file && Conversations.TextIntents.WordFor(file.Kind) is { } word
                    ? $"Falta: {missing}. Envíe el archivo en este chat con el mensaje «{s.Number} {word}»."
                    : $"Falta: {missing}.",
                size: "Small",
                color: "Warning"));
        }

        var refresh = new JsonObject { ["number"] = s.Number };
        if (actions.Count > 0)
        {
            body.Add(Card.Text("Acciones disponibles para usted", weight: "Bolder"));
            body.Add(Card.Actions(actions));
        }

        var footer = new List<JsonNode?> { Card.Execute("Actualizar", ShowVerb, new JsonObject { ["number"] = s.Number }) };
        if (!fullHistory && d.History.Count > 5)
        {
            footer.Add(Card.Execute("Historial completo", HistoryVerb, new JsonObject { ["number"] = s.Number }));
        }

        footer.Add(Card.Execute("Menú", "menu"));
        return Card.Create(body, footer, userId is null ? null : new JsonObject
        {
            ["action"] = Card.Execute("Actualizar", ShowVerb, refresh),
            ["userIds"] = new JsonArray(userId),
        });
    }

    public static JsonObject List(string title, IReadOnlyList<RequestSummary> requests, string empty, TimeZoneInfo zone, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var body = new List<JsonNode?>();
        if (message is not null)
        {
            body.Add(Card.Text(message, subtle: true));
        }

        body.Add(Card.Title(title));
        if (requests.Count == 0)
        {
            body.Add(Card.Text(empty));
        }

        foreach (var r in requests)
        {
            body.Add(new JsonObject
            {
                ["type"] = "ColumnSet",
                ["separator"] = true,
                ["columns"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Column",
                        ["width"] = "stretch",
                        ["items"] = new JsonArray(
                            Card.Text($"**{r.Number}** · {r.Title}"),
                            Card.Text($"{r.ProcedureCode} · {r.State}{(r.IsOverdue ? " (vencida)" : string.Empty)} · {Local(r.UpdatedAt, zone)}", size: "Small", subtle: true)),
                    },
                    new JsonObject
                    {
                        ["type"] = "Column",
                        ["width"] = "auto",
                        ["items"] = new JsonArray(Card.Actions([Card.Execute("Ver", ShowVerb, new JsonObject { ["number"] = r.Number })])),
                    }),
            });
        }

        return Card.Create(body, [Card.Execute("Menú", "menu")]);
    }

    private static JsonObject ActionButton(RequestDetails d, ProcedureDefinition definition, AvailableAction a, Func<Role, IReadOnlyList<AssigneeChoice>> people)
    {
        var data = new JsonObject { ["number"] = d.Summary.Number, ["action"] = a.Action, ["version"] = d.Summary.Version };
        var transition = definition.Transition(a.Action);
        var inputs = new List<JsonNode?>();
        if (a.ChoosesAssignee is { } role)
        {
            var choices = people(role).Select(p => (p.Name, p.Id.ToString(CultureInfo.InvariantCulture))).ToList();
            inputs.Add(Card.Choices("assignee", role.ToSpanish(), choices, required: true));
        }

        if (a.NeedsText is { } text)
        {
            inputs.Add(Card.Input("text", Capitalize(text), required: true, multiline: true, maxLength: 4000));
        }

        if (a.NamesTesters)
        {
            var named = string.Join(", ", d.Testers.Select(t => t.Name));
            inputs.Add(Card.Input("testers", "Correos de los usuarios de pruebas, separados por comas" + (named.Length > 0 ? $" (ahora: {named})" : string.Empty),
                required: d.Testers.Count == 0));
        }

        if (transition?.SetsPlannedEnd == true)
        {
            inputs.Add(Card.Date("plannedEnd", "Fecha de finalización del plan", required: true));
        }

        if (transition?.SetsSchedule == true)
        {
            inputs.Add(Card.Date("scheduledFor", "Nueva fecha", required: true));
        }

        if (transition?.AppliesEquipment == true)
        {
            inputs.Add(Card.Input("brand", "Marca", d.Equipment?.Brand));
            inputs.Add(Card.Input("model", "Modelo", d.Equipment?.Model));
            inputs.Add(Card.Input("colour", "Color", d.Equipment?.Colour));
            inputs.Add(Card.Input("serialNumber", "Número de serie", d.Equipment?.SerialNumber));
            inputs.Add(Card.Input("assetNumber", "Número de inventario", d.Equipment?.AssetNumber));
            inputs.Add(Card.Input("findings", "Hallazgos", d.Equipment?.Findings, multiline: true));
            inputs.Add(Card.Input("diagnosis", "Diagnóstico", d.Equipment?.Diagnosis, multiline: true));
        }

        if (definition.Code == ProcedureCodes.VisitaMantenimiento && a.Action == "registrar-realizacion")
        {
            inputs.Add(Card.Choices("checklist", "Limpieza realizada", [.. Core.Procedures.MaintenanceChecklist.Items.Select(i => (i.Label, i.Value))], required: true, multi: true));
        }

        return inputs.Count == 0
            ? Card.Execute(a.Label, FireVerb, data)
            : Card.ShowCard(a.Label, Card.Inner(inputs, [Card.Execute("Confirmar: " + a.Label, FireVerb, data, validate: true, style: "positive")]));
    }

    private static string Describe(HistoryItem h, ProcedureDefinition definition) => h.Kind switch
    {
        AuditKind.Created => $"abrió la solicitud ({h.To})",
        AuditKind.Transition => $"{definition.Transition(h.Action ?? string.Empty)?.Label ?? h.Action}: {h.From} → {h.To}{(h.Detail is null ? string.Empty : $" — {h.Detail}")}",
        AuditKind.Comment => $"comentó: {h.Detail}",
        AuditKind.Attachment => $"adjuntó {h.Detail}",
        AuditKind.Download => $"descargó {h.Detail}",
        _ => h.Detail ?? h.Kind.ToString(),
    };

    /// <summary>
    /// What the description adds to the title: nothing when it is the title (a one-line chat message is both), the rest
    /// when the title is its beginning (a message's first line, or its first characters ending in «…»).
    /// </summary>
    public static string? BeyondTitle(string title, string? description)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = description?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var shortened = title.EndsWith('…');
        var start = (shortened ? title[..^1] : title).Trim();
        if (start.Length == 0 || !text.StartsWith(start, StringComparison.Ordinal))
        {
            return text;
        }

        var rest = text[start.Length..].Trim();
        return rest.Length == 0 ? null : shortened ? "…" + rest : rest;
    }

    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dd/MM/yyyy HH:mm", Spanish);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Spanish) + text[1..];
}
