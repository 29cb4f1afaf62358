using System.Collections.Frozen;

namespace SosepBot.Core.People;

/// <summary>Spanish names of the roles as the manual writes them, and parsing from either language.</summary>
public static class RoleNames
{
    /// <summary>The name shown for the requester of a request, who is a party rather than a role.</summary>
    public const string Requester = "Solicitante";

    /// <summary>The name shown for a person named to test a development (DS-UI-01, DS-UI-02), who is a party rather than a role.</summary>
    public const string Tester = "Usuario de pruebas designado";

    private static readonly FrozenDictionary<Role, string> Spanish = new Dictionary<Role, string>
    {
        [Role.UnitDirector] = "Director(a) o Jefe(a) de la unidad solicitante",
        [Role.Despacho] = "Despacho Superior",
        [Role.Assistant] = "Asistente",
        [Role.ItDirector] = "Director Unidad de Informática",
        [Role.InfraHead] = "Jefe de Infraestructura y HelpDesk",
        [Role.Technician] = "Técnico de Hardware y Software",
        [Role.SiteTechnician] = "Técnico IT Sedes Departamentales",
        [Role.DevHead] = "Jefe de Desarrollo",
        [Role.Developer] = "Analista Desarrollador",
        [Role.Dba] = "Técnico de Base de Datos",
        [Role.ServerAdmin] = "Administrador de Servidores",
        [Role.Inventory] = "Departamento de Inventarios",
        [Role.Administrator] = "Administrador del servicio",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Role> ByKey = BuildKeys();

    /// <summary>Who may list and run the scheduled jobs and open the Hangfire dashboard.</summary>
    public static readonly FrozenSet<Role> JobOperators = new[] { Role.ItDirector, Role.Administrator }.ToFrozenSet();

    /// <summary>The IT unit's own staff roles (they see every request).</summary>
    public static readonly FrozenSet<Role> ItStaff = new[]
    {
        Role.Assistant, Role.ItDirector, Role.InfraHead, Role.Technician, Role.SiteTechnician,
        Role.DevHead, Role.Developer, Role.Dba, Role.ServerAdmin, Role.Administrator,
    }.ToFrozenSet();

    public static string ToSpanish(this Role role) => Spanish[role];

    /// <summary>Parses "Technician", "tecnico-de-hardware-y-software", "Técnico de Hardware y Software"…</summary>
    public static bool TryParse(string? text, out Role role)
    {
        role = default;
        return text is not null && ByKey.TryGetValue(Key(text), out role);
    }

    private static FrozenDictionary<string, Role> BuildKeys()
    {
        var keys = new Dictionary<string, Role>();
        foreach (var (role, spanish) in Spanish)
        {
            keys[Key(role.ToString())] = role;
            keys[Key(spanish)] = role;
        }

        keys[Key("Asistente de Informática")] = Role.Assistant;
        keys[Key("Director de Informática")] = Role.ItDirector;
        keys[Key("Inventarios")] = Role.Inventory;
        keys[Key("DBA")] = Role.Dba;
        return keys.ToFrozenDictionary();
    }

    private static string Key(string text) =>
        new(Validation.Accents.Strip(text.Trim()).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
