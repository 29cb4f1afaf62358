using System.Text.Json.Nodes;
using SosepBot.Core.Procedures;
using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;

namespace SosepBot.Bot.Teams.Cards;

/// <summary>
/// The Adaptive Card of each procedure's form (its inputs are Core's <see cref="RequestForm"/>, as in the web console),
/// and the typed values of a submitted card. A refused form comes back with what was typed.
/// </summary>
public static class FormCards
{
    public const string SubmitVerb = "enviarFormulario";

    /// <summary>The form, filled with <paramref name="values"/>; with a refusal, its message at the top and next to the field it is about.</summary>
    public static JsonObject Build(ProcedureDefinition procedure, IReadOnlyDictionary<string, string?> values, string token, string? error = null, string? errorField = null)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(values);
        var body = new List<JsonNode?>
        {
            Card.Title($"{procedure.Code} · {procedure.Name}"),
            Card.Text(procedure.Description, subtle: true),
        };
        if (procedure.Form is { } form)
        {
            body.Add(Card.Text($"Datos del formulario {string.Join(" / ", form.FormCodes)} (versión {FormCatalog.Version:dd/MM/yyyy}). Los campos con * son obligatorios.", subtle: true));
        }

        if (error is not null)
        {
            body.Add(Card.Error(error));
        }

        var errorInput = RequestForm.InputOfRefusal(errorField);
        foreach (var field in RequestForm.Inputs(procedure))
        {
            var value = values.GetValueOrDefault(field.Id);
            var label = field.Required ? field.Label + " *" : field.Label;
            body.Add(field.Kind switch
            {
                FormInputKind.Choice => Card.Choices(field.Id, label, field.Choices!, value),
                FormInputKind.Toggle => Card.Toggle(field.Id, field.Label, string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)),
                FormInputKind.LongText => Card.Input(field.Id, label, value, multiline: true, maxLength: 4000),
                _ => Card.Input(field.Id, label, value, maxLength: 200),
            });
            if (field.Id == errorInput)
            {
                body.Add(Card.Text(error!, color: "Attention", size: "Small"));
            }
        }

        var data = new JsonObject { ["procedure"] = procedure.Code, ["token"] = token };
        return Card.Create(body, [Card.Execute("Enviar solicitud", SubmitVerb, data, validate: true, style: "positive"), Card.Execute("Cancelar", "menu")]);
    }

    /// <summary>The typed values of a submitted form, by input id (strings, as Adaptive Cards send them).</summary>
    public static Dictionary<string, string?> Values(ProcedureDefinition procedure, JsonObject? data)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in RequestForm.Inputs(procedure))
        {
            var node = data?[field.Id];
            values[field.Id] = node switch
            {
                null => null,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                _ => node.ToJsonString(),
            };
        }

        return values;
    }

}
