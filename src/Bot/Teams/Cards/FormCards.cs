using System.Globalization;
using System.Text.Json.Nodes;
using SosepBot.Core.Procedures;
using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;

namespace SosepBot.Bot.Teams.Cards;

/// <summary>
/// The Adaptive Card form of each procedure, with the fields of its paper form (DI-Frm_001 … 004), and the
/// reading of a submitted form into a <see cref="NewRequest"/>. A refused form comes back with what was typed.
/// </summary>
public static class FormCards
{
    public const string SubmitVerb = "enviarFormulario";

    private static readonly (string, string)[] ChangeKinds = [("Nuevo", nameof(ChangeKind.Nuevo)), ("Actualización", nameof(ChangeKind.Actualizacion)), ("Baja", nameof(ChangeKind.Baja))];

    private static readonly (string, string)[] InternetTiers =
    [
        ("Páginas de Gobierno (*.gob.gt)", nameof(InternetAccess.PaginasDeGobierno)),
        ("Sin Social Sin Streaming", nameof(InternetAccess.SinSocialSinStreaming)),
        ("Navegación Total", nameof(InternetAccess.NavegacionTotal)),
    ];

    /// <summary>Core's field names (in refusals) → the card's input ids.</summary>
    private static readonly Dictionary<string, string> FieldOfRefusal = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cui"] = "cui",
        ["nit"] = "nit",
        ["correoInstitucional"] = "institutionalEmail",
        ["título"] = "title",
        ["descripción"] = "description",
        ["unidad"] = "unit",
        ["nombres completos"] = "firstNames",
        ["apellidos completos"] = "lastNames",
        ["tipo de solicitud (Nuevo, Actualización o Baja)"] = "changeKind",
        ["unidad operativa"] = "operationalUnit",
        ["módulo o sistema"] = "moduleOrSystem",
        ["director(a) o jefe(a) que autoriza"] = "directorOrHead",
        ["cargo o puesto"] = "jobTitle",
    };

    public static IReadOnlyList<FormField> FieldsOf(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var fields = new List<FormField>
        {
            new("title", "Asunto", FormFieldKind.Text, Required: procedure.Form is null),
            new("description", "Descripción", FormFieldKind.LongText),
        };
        if (procedure.Code == ProcedureCodes.MantenimientoPreventivo)
        {
            fields.Add(new("unit", "Unidad", FormFieldKind.Text));
        }

        if (procedure.Code == ProcedureCodes.DictamenTecnico)
        {
            fields.Add(new("equipmentKind", "Tipo de equipo", FormFieldKind.Text));
            fields.Add(new("brand", "Marca", FormFieldKind.Text));
            fields.Add(new("model", "Modelo", FormFieldKind.Text));
            fields.Add(new("colour", "Color", FormFieldKind.Text));
            fields.Add(new("serialNumber", "Número de serie", FormFieldKind.Text));
            fields.Add(new("assetNumber", "Número de inventario", FormFieldKind.Text));
        }

        if (procedure.Form is not { } form)
        {
            return fields;
        }

        var codes = form.FormCodes;
        if (codes.Count > 1)
        {
            fields.Add(new("formCode", "Formulario", FormFieldKind.Choice, true, codes.Select(c => (FormName(c), c)).ToList()));
        }

        fields.Add(new("changeKind", "Tipo de solicitud", FormFieldKind.Choice, true, ChangeKinds));
        fields.Add(new("firstNames", "Nombres completos", FormFieldKind.Text, true));
        fields.Add(new("lastNames", "Apellidos completos", FormFieldKind.Text, true));
        fields.Add(new("cui", "CUI (13 dígitos del DPI)", FormFieldKind.Text, true));
        fields.Add(new("nit", "NIT", FormFieldKind.Text, true));
        fields.Add(new("institutionalEmail", "Correo institucional", FormFieldKind.Text));
        fields.Add(new("jobTitle", "Cargo / Puesto", FormFieldKind.Text, codes.Contains(FormCatalog.CorreoInternet) || codes.Contains(FormCatalog.SigesSicoin)));
        fields.Add(new("operationalUnit", "Unidad operativa", FormFieldKind.Text, true));
        fields.Add(new("programSiteDirection", "Programa / Sede / Dirección", FormFieldKind.Text));
        if (codes.Contains(FormCatalog.Modulos) || codes.Contains(FormCatalog.UsuariosModulos))
        {
            fields.Add(new("moduleOrSystem", "Módulo o sistema", FormFieldKind.Text, true));
        }

        if (codes.Contains(FormCatalog.UsuariosModulos))
        {
            fields.Add(new("profile", "Perfil que tendrá", FormFieldKind.Text));
        }

        if (codes.Contains(FormCatalog.CorreoInternet) || codes.Contains(FormCatalog.SigesSicoin))
        {
            fields.Add(new("directorOrHead", "Director(a) / Jefe(a) que autoriza", FormFieldKind.Text, true));
        }

        if (codes.Contains(FormCatalog.CorreoInternet))
        {
            fields.Add(new("internetAccess", "Acceso a Internet", FormFieldKind.Choice, Choices: InternetTiers));
            fields.Add(new("specialPermissions", "Permisos especiales", FormFieldKind.Text));
        }

        if (codes.Contains(FormCatalog.SigesSicoin))
        {
            fields.Add(new("sicoinAccount", "Cuenta SICOIN", FormFieldKind.Toggle));
            fields.Add(new("sigesAccount", "Cuenta SIGES", FormFieldKind.Toggle));
        }

        fields.Add(new("justification", "Justificación", FormFieldKind.LongText));
        return fields;
    }

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

        var errorInput = errorField is not null && FieldOfRefusal.TryGetValue(errorField, out var mapped) ? mapped : null;
        foreach (var field in FieldsOf(procedure))
        {
            var value = values.GetValueOrDefault(field.Id);
            var label = field.Required ? field.Label + " *" : field.Label;
            body.Add(field.Kind switch
            {
                FormFieldKind.Choice => Card.Choices(field.Id, label, field.Choices!, value),
                FormFieldKind.Toggle => Card.Toggle(field.Id, field.Label, string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)),
                FormFieldKind.LongText => Card.Input(field.Id, label, value, multiline: true, maxLength: 4000),
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
        foreach (var field in FieldsOf(procedure))
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

    public static NewRequest Read(ProcedureDefinition procedure, IReadOnlyDictionary<string, string?> v)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(v);
        string? Get(string id) => v.GetValueOrDefault(id) is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
        var form = procedure.Form is null ? null : new FormData
        {
            FormCode = Get("formCode"),
            ChangeKind = Enum.TryParse<ChangeKind>(Get("changeKind"), out var kind) && Enum.IsDefined(kind) ? kind : null,
            FirstNames = Get("firstNames"),
            LastNames = Get("lastNames"),
            Cui = Get("cui"),
            Nit = Get("nit"),
            InstitutionalEmail = Get("institutionalEmail"),
            JobTitle = Get("jobTitle"),
            OperationalUnit = Get("operationalUnit"),
            ProgramSiteDirection = Get("programSiteDirection"),
            ModuleOrSystem = Get("moduleOrSystem"),
            Profile = Get("profile"),
            DirectorOrHead = Get("directorOrHead"),
            InternetAccess = Enum.TryParse<InternetAccess>(Get("internetAccess"), out var tier) && Enum.IsDefined(tier) ? tier : null,
            SpecialPermissions = Get("specialPermissions"),
            SicoinAccount = string.Equals(Get("sicoinAccount"), "true", StringComparison.OrdinalIgnoreCase),
            SigesAccount = string.Equals(Get("sigesAccount"), "true", StringComparison.OrdinalIgnoreCase),
            Justification = Get("justification"),
        };
        var title = Get("title");
        if (title is null && form is not null)
        {
            var who = string.Join(' ', new[] { form.FirstNames, form.LastNames }.Where(s => s is not null));
            title = who.Length == 0 ? procedure.Name : $"{procedure.Name}: {who}";
            title = title.Length > 200 ? title[..200] : title;
        }

        return new NewRequest
        {
            ProcedureCode = procedure.Code,
            Title = title ?? string.Empty,
            Description = Get("description"),
            Unit = Get("unit"),
            Form = form,
            Equipment = procedure.Code == ProcedureCodes.DictamenTecnico
                ? new EquipmentData
                {
                    Kind = Get("equipmentKind"),
                    Brand = Get("brand"),
                    Model = Get("model"),
                    Colour = Get("colour"),
                    SerialNumber = Get("serialNumber"),
                    AssetNumber = Get("assetNumber"),
                }
                : null,
            Channel = Channel.Teams,
        };
    }

    private static string FormName(string code) => code switch
    {
        FormCatalog.Modulos => "DI-Frm_001 Módulos de Sistemas de Información",
        FormCatalog.UsuariosModulos => "DI-Frm_002 Usuarios de módulos (BSOSEP)",
        FormCatalog.CorreoInternet => "DI-Frm_003 Internet y/o correo institucional",
        FormCatalog.SigesSicoin => "DI-Frm_004 SIGES / SICOIN",
        _ => code.ToString(CultureInfo.InvariantCulture),
    };
}
