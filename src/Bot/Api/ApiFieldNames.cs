using SosepBot.Core.Requests;
using SosepBot.Core.Validation;

namespace SosepBot.Bot.Api;

/// <summary>
/// The Spanish name, gender and number of every field of the API's JSON bodies, for refusals of a wrong value and
/// for the API reference; the forms' fields come from <see cref="FormFields"/>. A test checks that none is missing.
/// </summary>
public static class ApiFieldNames
{
    private static readonly Dictionary<string, FieldName> Common = new(StringComparer.Ordinal)
    {
        ["procedure"] = new("procedure", "procedimiento", false),
        ["title"] = new("title", "título", false),
        ["description"] = new("description", "descripción", true),
        ["requesterEmail"] = new("requesterEmail", "correo del solicitante", false),
        ["parentNumber"] = new("parentNumber", "número de la calendarización", false),
        ["form"] = new("form", "formulario", false),
        ["equipment"] = new("equipment", "datos del equipo", false, Plural: true),
        ["priority"] = new("priority", "prioridad", true),
        ["unit"] = new("unit", "unidad", true),
        ["unitId"] = new("unitId", "número de la unidad", false),
        ["scheduledFor"] = new("scheduledFor", "fecha programada", true),
        ["assigneeEmail"] = new("assigneeEmail", "correo de la persona asignada", false),
        ["channel"] = new("channel", "canal", false),
        ["text"] = new("text", "texto", false),
        ["plannedEnd"] = new("plannedEnd", "fecha de finalización", true),
        ["checklist"] = new("checklist", "lista de limpieza", true),
        ["expectedVersion"] = new("expectedVersion", "versión esperada", true),
        ["testerEmails"] = new("testerEmails", "correos de los usuarios de pruebas", false, Plural: true),
        ["mode"] = new("mode", "modo de avisos", false),
        ["resend"] = new("resend", "reenvío", false),
        ["name"] = new("name", "nombre", false),
        ["kind"] = new("kind", "tipo de unidad", false),
        ["department"] = new("department", "departamento", false),
        ["headEmail"] = new("headEmail", "correo del jefe", false),
        ["contacts"] = new("contacts", "contactos", false, Plural: true),
        ["sharedMailbox"] = new("sharedMailbox", "buzón compartido", false),
        ["email"] = new("email", "correo", false),
        ["calendarNumber"] = new("calendarNumber", "número de la calendarización", false),
        ["contactEmail"] = new("contactEmail", "correo de contacto", false),
        ["technicianEmail"] = new("technicianEmail", "correo del técnico", false),
        ["rule"] = new("rule", "regla de repetición", true),
        ["firstVisit"] = new("firstVisit", "primera visita", true),
        ["horizonDays"] = new("horizonDays", "horizonte en días", false),
    };

    /// <summary>The fields of <see cref="EquipmentData"/> (DS-UI-05's review of the equipment).</summary>
    private static readonly Dictionary<string, FieldName> Equipment = new(StringComparer.Ordinal)
    {
        ["kind"] = new("equipment.kind", "tipo de equipo", false),
        ["brand"] = new("equipment.brand", "marca", true),
        ["model"] = new("equipment.model", "modelo", false),
        ["colour"] = new("equipment.colour", "color", false),
        ["serialNumber"] = new("equipment.serialNumber", "número de serie", false),
        ["assetNumber"] = new("equipment.assetNumber", "número de bien", false),
        ["findings"] = new("equipment.findings", "hallazgos", false, Plural: true),
        ["diagnosis"] = new("equipment.diagnosis", "diagnóstico", false),
    };

    /// <summary>The name of the JSON property <paramref name="jsonName"/> of <paramref name="declaringType"/>, or null.</summary>
    public static FieldName? Find(Type declaringType, string jsonName)
    {
        ArgumentNullException.ThrowIfNull(declaringType);
        if (declaringType == typeof(FormData))
        {
            return FormFields.Find(jsonName)?.Name;
        }

        var table = declaringType == typeof(EquipmentData) ? Equipment : Common;
        return table.TryGetValue(jsonName, out var name) ? name : null;
    }
}
