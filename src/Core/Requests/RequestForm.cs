using System.Globalization;
using SosepBot.Core.Procedures;
using SosepBot.Core.Procedures.Catalog;

namespace SosepBot.Core.Requests;

/// <summary>How an input of a procedure's form is typed.</summary>
public enum FormInputKind
{
    Text = 1,
    LongText = 2,
    Choice = 3,
    Toggle = 4,
}

/// <summary>One input of a procedure's form: its id, Spanish label and kind.</summary>
public sealed record FormInput(string Id, string Label, FormInputKind Kind, bool Required = false, IReadOnlyList<(string Title, string Value)>? Choices = null);

/// <summary>
/// The form of each procedure as inputs, with the fields of its paper form (DI-Frm_001 … 004), and the reading of the
/// typed values into a <see cref="NewRequest"/>: one definition for every channel that shows a form (the Teams card, the
/// web console).
/// </summary>
public static class RequestForm
{
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

    /// <summary>The input a refusal is about (from <see cref="Errors.DomainException.Field"/>), when it is one of the form's.</summary>
    public static string? InputOfRefusal(string? field) => field is not null && FieldOfRefusal.TryGetValue(field, out var input) ? input : null;

    public static IReadOnlyList<FormInput> Inputs(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var fields = new List<FormInput>
        {
            new("title", "Asunto", FormInputKind.Text, Required: procedure.Form is null),
            new("description", "Descripción", FormInputKind.LongText),
        };
        if (procedure.Code == ProcedureCodes.MantenimientoPreventivo)
        {
            fields.Add(new("unit", "Unidad", FormInputKind.Text));
        }

        if (procedure.Code == ProcedureCodes.DictamenTecnico)
        {
            fields.Add(new("equipmentKind", "Tipo de equipo", FormInputKind.Text));
            fields.Add(new("brand", "Marca", FormInputKind.Text));
            fields.Add(new("model", "Modelo", FormInputKind.Text));
            fields.Add(new("colour", "Color", FormInputKind.Text));
            fields.Add(new("serialNumber", "Número de serie", FormInputKind.Text));
            fields.Add(new("assetNumber", "Número de inventario", FormInputKind.Text));
        }

        if (procedure.Form is not { } form)
        {
            return fields;
        }

        var codes = form.FormCodes;
        if (codes.Count > 1)
        {
            fields.Add(new("formCode", "Formulario", FormInputKind.Choice, true, codes.Select(c => (FormName(c), c)).ToList()));
        }

        fields.Add(new("changeKind", "Tipo de solicitud", FormInputKind.Choice, true, ChangeKinds));
        fields.Add(new("firstNames", "Nombres completos", FormInputKind.Text, true));
        fields.Add(new("lastNames", "Apellidos completos", FormInputKind.Text, true));
        fields.Add(new("cui", "CUI (13 dígitos del DPI)", FormInputKind.Text, true));
        fields.Add(new("nit", "NIT", FormInputKind.Text, true));
        fields.Add(new("institutionalEmail", "Correo institucional", FormInputKind.Text));
        fields.Add(new("jobTitle", "Cargo / Puesto", FormInputKind.Text, codes.Contains(FormCatalog.CorreoInternet) || codes.Contains(FormCatalog.SigesSicoin)));
        fields.Add(new("operationalUnit", "Unidad operativa", FormInputKind.Text, true));
        fields.Add(new("programSiteDirection", "Programa / Sede / Dirección", FormInputKind.Text));
        if (codes.Contains(FormCatalog.Modulos) || codes.Contains(FormCatalog.UsuariosModulos))
        {
            fields.Add(new("moduleOrSystem", "Módulo o sistema", FormInputKind.Text, true));
        }

        if (codes.Contains(FormCatalog.UsuariosModulos))
        {
            fields.Add(new("profile", "Perfil que tendrá", FormInputKind.Text));
        }

        if (codes.Contains(FormCatalog.CorreoInternet) || codes.Contains(FormCatalog.SigesSicoin))
        {
            fields.Add(new("directorOrHead", "Director(a) / Jefe(a) que autoriza", FormInputKind.Text, true));
        }

        if (codes.Contains(FormCatalog.CorreoInternet))
        {
            fields.Add(new("internetAccess", "Acceso a Internet", FormInputKind.Choice, Choices: InternetTiers));
            fields.Add(new("specialPermissions", "Permisos especiales", FormInputKind.Text));
        }

        if (codes.Contains(FormCatalog.SigesSicoin))
        {
            fields.Add(new("sicoinAccount", "Cuenta SICOIN", FormInputKind.Toggle));
            fields.Add(new("sigesAccount", "Cuenta SIGES", FormInputKind.Toggle));
        }

        fields.Add(new("justification", "Justificación", FormInputKind.LongText));
        return fields;
    }

    /// <summary>The request the typed values (by input id) make, opened through <paramref name="channel"/>.</summary>
    public static NewRequest Read(ProcedureDefinition procedure, IReadOnlyDictionary<string, string?> v, Channel channel)
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
            Channel = channel,
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
