using SosepBot.Core.Procedures;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>
/// The manual's procedures written out by hand, independently of the catalog: each step's action, source states,
/// destination and who fires it ("@Role" = only the assignee holding the role; "Solicitante" = the requester;
/// "Usuario de pruebas designado" = a person named to test the request),
/// whether it asks for a text and which role the chosen person must hold. A change to the catalog that departs
/// from the manual fails here.
/// </summary>
public sealed class ManualTransitionTableTests
{
    private const string Requester = "Solicitante";
    private const string Tester = "Usuario de pruebas designado";

    /// <summary>One step: action, sources, destination, who, needs a text, role of the person it chooses.</summary>
    private sealed record Step(string Action, string[] From, string To, string[] Who, bool Text = false, string? Chooses = null)
    {
        public string Render() =>
            $"{Action}: {string.Join(" | ", From.Order(StringComparer.Ordinal))} -> {To}; por {string.Join(", ", Who.Order(StringComparer.Ordinal))}"
            + (Text ? "; con texto" : string.Empty) + (Chooses is null ? string.Empty : $"; elige {Chooses}");
    }

    private sealed record Table(string Initial, string[] States, string[] Finals, Step[] Steps);

    private static readonly Dictionary<string, Table> Manual = new()
    {
        // Solicitada (Despacho) → Recibida (Asistente) → En evaluación (Director; rejects with justification) → En análisis
        // (Jefe de Desarrollo + Analista; may return to evaluation) → DERCAS → En desarrollo → En pruebas de usuario (fails →
        // En desarrollo) → Liberación autorizada (Director) → Cerrada (Despacho informed).
        [ProcedureCodes.NuevaAplicacion] = new(
            "Solicitada",
            ["Solicitada", "Recibida", "En evaluación", "En análisis", "DERCAS", "En desarrollo", "En pruebas de usuario", "Liberación autorizada", "Rechazada", "Cerrada"],
            ["Rechazada", "Cerrada"],
            [
                new("recibir", ["Solicitada"], "Recibida", ["Assistant"]),
                new("evaluar", ["Recibida"], "En evaluación", ["ItDirector"]),
                new("rechazar", ["En evaluación"], "Rechazada", ["ItDirector"], Text: true),
                new("aceptar", ["En evaluación"], "En análisis", ["ItDirector"], Chooses: "Developer"),
                new("asignar-analista", ["En análisis"], "En análisis", ["DevHead"], Chooses: "Developer"),
                new("devolver-a-evaluacion", ["En análisis"], "En evaluación", ["DevHead"], Text: true),
                new("concluir-analisis", ["En análisis"], "DERCAS", ["DevHead", "@Developer"]),
                new("iniciar-desarrollo", ["DERCAS"], "En desarrollo", ["@Developer", "DevHead"]),
                new("liberar-a-pruebas", ["En desarrollo"], "En pruebas de usuario", ["@Developer", "DevHead"]),
                new("nombrar-probadores", ["En pruebas de usuario"], "En pruebas de usuario", ["@Developer", "DevHead"]),
                new("aprobar-pruebas", ["En pruebas de usuario"], "En pruebas de usuario", [Tester]),
                new("reportar-fallas", ["En pruebas de usuario"], "En desarrollo", [Tester, Requester, "@Developer", "DevHead"], Text: true),
                new("autorizar-liberacion", ["En pruebas de usuario"], "Liberación autorizada", ["ItDirector"]),
                new("informar-despacho", ["Liberación autorizada"], "Cerrada", ["ItDirector", "Assistant"]),
            ]),

        // Recibida → En revisión (Director) → Por asignar (Jefe de Desarrollo assigns an Analista) → En análisis → Plan en
        // aprobación (rejected → En análisis) → En desarrollo → En pruebas → Autorizada a producción (permissions from
        // Infraestructura and Servidores) → Informada a Despacho → Cerrada.
        [ProcedureCodes.MantenimientoAplicaciones] = new(
            "Recibida",
            ["Recibida", "En revisión", "Por asignar", "En análisis", "Plan en aprobación", "En desarrollo", "En pruebas", "Autorizada a producción", "Informada a Despacho", "Rechazada", "Cerrada"],
            ["Rechazada", "Cerrada"],
            [
                new("trasladar", ["Recibida"], "En revisión", ["Assistant"]),
                new("rechazar", ["En revisión"], "Rechazada", ["ItDirector"], Text: true),
                new("aprobar", ["En revisión"], "Por asignar", ["ItDirector"]),
                new("asignar", ["Por asignar"], "En análisis", ["DevHead"], Chooses: "Developer"),
                new("enviar-plan", ["En análisis"], "Plan en aprobación", ["@Developer"]),
                new("rechazar-plan", ["Plan en aprobación"], "En análisis", ["DevHead"], Text: true),
                new("aprobar-plan", ["Plan en aprobación"], "En desarrollo", ["DevHead"]),
                new("liberar-a-pruebas", ["En desarrollo"], "En pruebas", ["@Developer"]),
                new("nombrar-probadores", ["En pruebas"], "En pruebas", ["@Developer", "DevHead"]),
                new("aprobar-pruebas", ["En pruebas"], "En pruebas", [Tester]),
                new("reportar-fallas", ["En pruebas"], "En desarrollo", [Tester, Requester, "@Developer", "DevHead"], Text: true),
                new("autorizar-produccion", ["En pruebas"], "Autorizada a producción", ["DevHead"]),
                new("conceder-permisos-infraestructura", ["Autorizada a producción"], "Autorizada a producción", ["InfraHead"]),
                new("conceder-permisos-servidores", ["Autorizada a producción"], "Autorizada a producción", ["ServerAdmin"]),
                new("informar-despacho", ["Autorizada a producción"], "Informada a Despacho", ["ItDirector"]),
                new("cerrar", ["Informada a Despacho"], "Cerrada", ["ItDirector", "Assistant"]),
            ]),

        // The calendar: Borrador (Director + Técnico) → Propuesto (Asistente's oficio) → Observado (back to Borrador) or
        // Aprobado (Despacho) → notices to the units → En ejecución → Completado.
        [ProcedureCodes.MantenimientoPreventivo] = new(
            "Borrador",
            ["Borrador", "Propuesto", "Observado", "Aprobado", "En ejecución", "Completado"],
            ["Completado"],
            [
                new("proponer", ["Borrador"], "Propuesto", ["Assistant", "ItDirector"]),
                new("observar", ["Propuesto"], "Observado", ["Despacho"], Text: true),
                new("corregir", ["Observado"], "Borrador", ["ItDirector", "Technician"]),
                new("aprobar", ["Propuesto"], "Aprobado", ["Despacho"]),
                new("notificar-unidades", ["Aprobado"], "En ejecución", ["Assistant", "ItDirector"]),
                new("completar", ["En ejecución"], "Completado", ["ItDirector", "Assistant"]),
            ]),

        // Each visit: Programada → Notificada → Realizada (keyboard, mouse, monitor, CPU) → Conformidad firmada → Archivada;
        // also Reprogramada and No realizada.
        [ProcedureCodes.VisitaMantenimiento] = new(
            "Programada",
            ["Programada", "Notificada", "Reprogramada", "Realizada", "Conformidad firmada", "Archivada", "No realizada"],
            ["Archivada", "No realizada"],
            [
                new("notificar", ["Programada", "Reprogramada"], "Notificada", ["Assistant", "ItDirector"]),
                new("reprogramar", ["Programada", "Notificada", "Reprogramada"], "Reprogramada", ["ItDirector", "Assistant", "@Technician"], Text: true),
                new("registrar-realizacion", ["Notificada"], "Realizada", ["@Technician"]),
                new("no-realizada", ["Programada", "Notificada", "Reprogramada"], "No realizada", ["ItDirector", "@Technician"], Text: true),
                new("entregar-conformidad", ["Realizada"], "Conformidad firmada", ["@Technician", Requester]),
                new("archivar", ["Conformidad firmada"], "Archivada", ["Assistant"]),
            ]),

        // Abierto → Asignado (Jefe de Infraestructura y HelpDesk) → En atención (Técnico) → Resuelto → Cerrado; extras:
        // En espera del usuario, Reabierto, Anulado.
        [ProcedureCodes.SoporteTecnico] = SupportTable("Technician"),

        // As DS-UI-04, with the Técnico IT Sedes Departamentales.
        [ProcedureCodes.SoporteSedes] = SupportTable("SiteTechnician"),

        // Solicitado → Asignado → Revisión del equipo → En elaboración (Asistente) → En revisión (Técnico, Director;
        // observations → En elaboración) → Firmado → Entregado al usuario → Entregado a Inventarios → Constancia recibida → Archivado.
        [ProcedureCodes.DictamenTecnico] = new(
            "Solicitado",
            ["Solicitado", "Asignado", "Revisión del equipo", "En elaboración", "En revisión", "Firmado", "Entregado al usuario", "Entregado a Inventarios", "Constancia recibida", "Archivado"],
            ["Archivado"],
            [
                new("asignar", ["Solicitado"], "Asignado", ["InfraHead"], Chooses: "Technician"),
                new("revisar-equipo", ["Asignado"], "Revisión del equipo", ["@Technician"]),
                new("enviar-a-elaboracion", ["Revisión del equipo"], "En elaboración", ["@Technician"]),
                new("enviar-a-revision", ["En elaboración"], "En revisión", ["Assistant"]),
                new("observar", ["En revisión"], "En elaboración", ["@Technician", "ItDirector"], Text: true),
                new("firmar-tecnico", ["En revisión"], "En revisión", ["@Technician"]),
                new("firmar", ["En revisión"], "Firmado", ["ItDirector"]),
                new("entregar-al-usuario", ["Firmado"], "Entregado al usuario", ["@Technician"]),
                new("entregar-a-inventarios", ["Entregado al usuario"], "Entregado a Inventarios", [Requester, "Inventory"]),
                new("recibir-constancia", ["Entregado a Inventarios"], "Constancia recibida", ["@Technician"]),
                new("archivar", ["Constancia recibida"], "Archivado", ["Assistant"]),
            ]),

        // Solicitada → En verificación (Asistente; missing signatures or documents → Devuelta) → En creación (Administrador de
        // Servidores) → Configuración del equipo (Técnico) → Finalizada.
        [ProcedureCodes.UsuarioDominio] = AccountTable(["ServerAdmin"]),

        // As DS-UI-07 (the finance accounts may be created by the Administrador de Servidores or the Técnico de Base de Datos).
        [ProcedureCodes.SigesSicoin] = AccountTable(["ServerAdmin", "Dba"]),

        // RECEPCIÓN (Asistente) → Asignada (Director) → PROCESANDO (Técnico de Base de Datos) → FINALIZADO → Archivada (Asistente).
        [ProcedureCodes.UsuarioBsosep] = new(
            "RECEPCIÓN",
            ["RECEPCIÓN", "Devuelta", "Asignada", "PROCESANDO", "FINALIZADO", "Archivada"],
            ["Archivada"],
            [
                new("devolver", ["RECEPCIÓN"], "Devuelta", ["Assistant"], Text: true),
                new("reenviar", ["Devuelta"], "RECEPCIÓN", [Requester]),
                new("verificar", ["RECEPCIÓN"], "RECEPCIÓN", ["Assistant"]),
                new("asignar", ["RECEPCIÓN"], "Asignada", ["ItDirector"], Chooses: "Dba"),
                new("procesar", ["Asignada"], "PROCESANDO", ["@Dba"]),
                new("finalizar", ["PROCESANDO"], "FINALIZADO", ["@Dba"]),
                new("archivar", ["FINALIZADO"], "Archivada", ["Assistant"]),
            ]),
    };

    public static TheoryData<string> Codes() => [.. Manual.Keys];

    [Fact]
    public void Manual_Tables_CoverEveryDefinitionOfTheCatalog()
    {
        Assert.Equal(
            Engine.Catalog.All.Select(p => p.Code).Order(StringComparer.Ordinal),
            Manual.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Catalog_States_MatchTheManual(string code)
    {
        var expected = Manual[code];
        var definition = Engine.Definition(code);

        Assert.Equal(expected.Initial, definition.InitialState);
        Assert.Equal(expected.States.Order(StringComparer.Ordinal), definition.States.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Finals.Order(StringComparer.Ordinal), definition.States.Where(s => s.IsFinal).Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Catalog_Transitions_MatchTheManual(string code)
    {
        var expected = Manual[code].Steps.Select(s => s.Render()).Order(StringComparer.Ordinal).ToList();
        var actual = Engine.Definition(code).Transitions
            .Select(t => new Step(
                t.Action,
                [.. t.From],
                t.To,
                [.. t.Who.Select(Engine.Describe)],
                t.TextLabel is not null,
                t.AssigneeRole?.ToString()).Render())
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Catalog_BsosepStates_UseTheManualsOwnNamesVerbatim()
    {
        var names = Engine.Definition(ProcedureCodes.UsuarioBsosep).States.Select(s => s.Name).ToList();

        Assert.Contains("RECEPCIÓN", names);
        Assert.Contains("PROCESANDO", names);
        Assert.Contains("FINALIZADO", names);
    }

    private static Table SupportTable(string technician) => new(
        "Abierto",
        ["Abierto", "Asignado", "En atención", "En espera del usuario", "Resuelto", "Reabierto", "Cerrado", "Anulado"],
        ["Cerrado", "Anulado"],
        [
            new("asignar", ["Abierto", "Reabierto"], "Asignado", ["InfraHead"], Chooses: technician),
            new("reasignar", ["Asignado", "En atención", "En espera del usuario"], "Asignado", ["InfraHead"], Text: true, Chooses: technician),
            new("tomar", ["Abierto", "Reabierto"], "En atención", [technician]),
            new("atender", ["Asignado"], "En atención", ["@" + technician]),
            new("solicitar-informacion", ["En atención"], "En espera del usuario", ["@" + technician], Text: true),
            new("responder", ["En espera del usuario"], "En atención", [Requester], Text: true),
            new("resolver", ["En atención"], "Resuelto", ["@" + technician], Text: true),
            new("reabrir", ["Resuelto"], "Reabierto", [Requester], Text: true),
            new("cerrar", ["Resuelto"], "Cerrado", [Requester, "@" + technician, "InfraHead"]),
            new("anular", ["Abierto", "Asignado"], "Anulado", [Requester, "InfraHead"], Text: true),
        ]);

    private static Table AccountTable(string[] creators) => new(
        "Solicitada",
        ["Solicitada", "En verificación", "Devuelta", "En creación", "Configuración del equipo", "Finalizada"],
        ["Finalizada"],
        [
            new("verificar", ["Solicitada"], "En verificación", ["Assistant"]),
            new("devolver", ["En verificación"], "Devuelta", ["Assistant"], Text: true),
            new("reenviar", ["Devuelta"], "Solicitada", [Requester]),
            new("trasladar", ["En verificación"], "En creación", ["Assistant"], Chooses: "ServerAdmin"),
            new("crear-cuenta", ["En creación"], "Configuración del equipo", creators),
            new("dar-de-baja", ["En creación"], "Finalizada", creators),
            new("asignar-tecnico", ["Configuración del equipo"], "Configuración del equipo", ["InfraHead"], Chooses: "Technician"),
            new("tomar", ["Configuración del equipo"], "Configuración del equipo", ["Technician"]),
            new("configurar-equipo", ["Configuración del equipo"], "Finalizada", ["@Technician"]),
        ]);
}
