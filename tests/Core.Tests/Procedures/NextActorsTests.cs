using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>
/// Who must act in every state of every procedure, written out by hand from the manual (independently of the
/// derivation in <see cref="NextActors"/>): "Solicitante" = the requester, "Asignado" = the request's assignee, a role
/// name = every holder of the role. Each row gives the parties with nobody assigned and with somebody assigned.
/// A catalog change that leaves a step without its manual owner, or tells the wrong people, fails here.
/// </summary>
public sealed class NextActorsTests
{
    private const string Solicitante = "Solicitante";
    private const string Asignado = "Asignado";
    private const string Probadores = "Probadores";

    private static readonly Dictionary<string, Dictionary<string, (string[] Unassigned, string[] Assigned)>> Manual = new()
    {
        [ProcedureCodes.NuevaAplicacion] = new()
        {
            ["Solicitada"] = (["Assistant"], ["Assistant"]),                       // the Asistente receives the oficio
            ["Recibida"] = (["ItDirector"], ["ItDirector"]),                       // the Director evaluates
            ["En evaluación"] = (["ItDirector"], ["ItDirector"]),
            ["En análisis"] = (["DevHead"], [Asignado]),                          // Jefe de Desarrollo, then the Analista
            ["DERCAS"] = (["Developer"], [Asignado]),
            ["En desarrollo"] = (["Developer"], [Asignado]),
            ["En pruebas de usuario"] = ([Probadores], [Probadores]),              // the end users named test; the Director authorises once all approved
            ["Liberación autorizada"] = (["ItDirector", "Assistant"], ["ItDirector", "Assistant"]),
        },
        [ProcedureCodes.MantenimientoAplicaciones] = new()
        {
            ["Recibida"] = (["Assistant"], ["Assistant"]),
            ["En revisión"] = (["ItDirector"], ["ItDirector"]),
            ["Por asignar"] = (["DevHead"], ["DevHead"]),
            ["En análisis"] = (["Developer"], [Asignado]),
            ["Plan en aprobación"] = (["DevHead"], ["DevHead"]),
            ["En desarrollo"] = (["Developer"], [Asignado]),
            ["En pruebas"] = ([Probadores], [Probadores]),
            ["Autorizada a producción"] = (["InfraHead", "ServerAdmin"], ["InfraHead", "ServerAdmin"]),
            ["Informada a Despacho"] = (["ItDirector", "Assistant"], ["ItDirector", "Assistant"]),
        },
        [ProcedureCodes.MantenimientoPreventivo] = new()
        {
            ["Borrador"] = (["Assistant", "ItDirector"], ["Assistant", "ItDirector"]),   // oficio to the Despacho
            ["Propuesto"] = (["Despacho"], ["Despacho"]),                                // approves or observes
            ["Observado"] = (["ItDirector", "Technician"], ["ItDirector", "Technician"]),
            ["Aprobado"] = (["Assistant", "ItDirector"], ["Assistant", "ItDirector"]),   // notices to the units
            ["En ejecución"] = (["ItDirector", "Assistant"], ["ItDirector", "Assistant"]),
        },
        [ProcedureCodes.VisitaMantenimiento] = new()
        {
            ["Programada"] = ([], []),          // the maintenance job tells the unit once the calendar is in execution
            ["Notificada"] = (["Technician"], [Asignado]),
            ["Reprogramada"] = ([], []),
            ["Realizada"] = (["Technician"], [Asignado]),
            ["Conformidad firmada"] = (["Assistant"], ["Assistant"]),
        },
        [ProcedureCodes.SoporteTecnico] = new()
        {
            ["Abierto"] = (["InfraHead", "Technician"], ["InfraHead", "Technician"]),   // assigned by the Jefe, or taken
            ["Asignado"] = (["Technician"], [Asignado]),
            ["En atención"] = (["Technician"], [Asignado]),
            ["En espera del usuario"] = ([Solicitante], [Solicitante]),
            ["Resuelto"] = ([Solicitante], [Solicitante]),                             // the user confirms or reopens
            ["Reabierto"] = (["InfraHead", "Technician"], ["InfraHead", "Technician"]),
        },
        [ProcedureCodes.SoporteSedes] = new()
        {
            ["Abierto"] = (["InfraHead", "SiteTechnician"], ["InfraHead", "SiteTechnician"]),
            ["Asignado"] = (["SiteTechnician"], [Asignado]),
            ["En atención"] = (["SiteTechnician"], [Asignado]),
            ["En espera del usuario"] = ([Solicitante], [Solicitante]),
            ["Resuelto"] = ([Solicitante], [Solicitante]),
            ["Reabierto"] = (["InfraHead", "SiteTechnician"], ["InfraHead", "SiteTechnician"]),
        },
        [ProcedureCodes.DictamenTecnico] = new()
        {
            ["Solicitado"] = (["InfraHead"], ["InfraHead"]),
            ["Asignado"] = (["Technician"], [Asignado]),
            ["Revisión del equipo"] = (["Technician"], [Asignado]),
            ["En elaboración"] = (["Assistant"], ["Assistant"]),
            ["En revisión"] = (["Technician"], [Asignado]),                  // the technician signs first, then the Director
            ["Firmado"] = (["Technician"], [Asignado]),
            ["Entregado al usuario"] = ([Solicitante], [Solicitante]),       // the user takes it to Inventarios
            ["Entregado a Inventarios"] = ([Solicitante], [Solicitante]),    // the user brings back the receipt
            ["Constancia recibida"] = (["Assistant"], ["Assistant"]),
        },
        [ProcedureCodes.UsuarioDominio] = new()
        {
            ["Solicitada"] = (["Assistant"], ["Assistant"]),
            ["En verificación"] = (["Assistant"], ["Assistant"]),
            ["Devuelta"] = ([Solicitante], [Solicitante]),
            ["En creación"] = (["ServerAdmin"], ["ServerAdmin"]),
            ["Configuración del equipo"] = (["InfraHead", "Technician"], [Asignado]),   // assigned by the Jefe or taken; then the technician
        },
        [ProcedureCodes.SigesSicoin] = new()
        {
            ["Solicitada"] = (["Assistant"], ["Assistant"]),
            ["En verificación"] = (["Assistant"], ["Assistant"]),
            ["Devuelta"] = ([Solicitante], [Solicitante]),
            ["En creación"] = (["ServerAdmin", "Dba"], ["ServerAdmin", "Dba"]),
            ["Configuración del equipo"] = (["InfraHead", "Technician"], [Asignado]),   // assigned by the Jefe or taken; then the technician
        },
        [ProcedureCodes.UsuarioBsosep] = new()
        {
            ["RECEPCIÓN"] = (["Assistant"], ["Assistant"]),                    // the Asistente verifies; then the Director assigns
            ["Devuelta"] = ([Solicitante], [Solicitante]),
            ["Asignada"] = (["Dba"], [Asignado]),
            ["PROCESANDO"] = (["Dba"], [Asignado]),
            ["FINALIZADO"] = (["Assistant"], ["Assistant"]),
        },
    };

    public static TheoryData<string, string> EveryState()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in new ProcedureCatalog().All)
        {
            foreach (var s in p.States.Where(s => !s.IsFinal))
            {
                data.Add(p.Code, s.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryState))]
    public void For_EveryStateOfEveryProcedure_TellsThePeopleTheManualNames(string code, string state)
    {
        var definition = new ProcedureCatalog().Get(code);
        var expected = Manual.GetValueOrDefault(code)?.GetValueOrDefault(state);
        Assert.True(expected is not null, $"The manual's table has no row for {code} «{state}»: add who must act there.");
        var row = NextActors.Table(definition).Single(r => r.State.Name == state);

        Assert.Equal(expected.Value.Unassigned.Order(), row.Unassigned.Select(Token).Order());
        Assert.Equal(expected.Value.Assigned.Order(), row.Assigned.Select(Token).Order());
    }

    [Fact]
    public void For_TestsApprovedByEveryTester_WaitsOnTheDirector()
    {
        var definition = new ProcedureCatalog().Get(ProcedureCodes.NuevaAplicacion);
        var app = Request(ProcedureCodes.NuevaAplicacion, "En pruebas de usuario");

        Assert.Equal([Probadores], NextActors.For(definition, app, testers: [new TesterRef(5, true), new TesterRef(6, false)]).Select(Token));
        Assert.Equal(["ItDirector"], NextActors.For(definition, app, testers: [new TesterRef(5, true), new TesterRef(6, true)]).Select(Token));
    }

    [Fact]
    public void For_BsosepVerifiedByTheAssistant_WaitsOnTheDirector()
    {
        var definition = new ProcedureCatalog().Get(ProcedureCodes.UsuarioBsosep);
        var bsosep = Request(ProcedureCodes.UsuarioBsosep, "RECEPCIÓN");
        bsosep.Approvals.AddRange(definition.Transitions.Where(t => t.RecordsApproval is not null).Select(t => t.RecordsApproval!));

        Assert.Equal(["ItDirector"], NextActors.For(definition, bsosep).Select(Token));
    }

    [Fact]
    public void For_CalendarInExecution_WaitsOnTheDirectorOnlyOnceEveryVisitIsClosed()
    {
        var definition = new ProcedureCatalog().Get(ProcedureCodes.MantenimientoPreventivo);
        var calendar = Request(ProcedureCodes.MantenimientoPreventivo, "En ejecución");

        Assert.Empty(NextActors.For(definition, calendar, openChildren: 2));
        Assert.Equal(["Assistant", "ItDirector"], NextActors.For(definition, calendar, openChildren: 0).Select(Token).Order());
    }

    [Fact]
    public void For_FinalState_WaitsOnNobody()
    {
        var ticket = Request(ProcedureCodes.SoporteTecnico, "Cerrado");

        Assert.Empty(NextActors.For(new ProcedureCatalog().Get(ProcedureCodes.SoporteTecnico), ticket));
    }

    [Fact]
    public void For_PermissionsOfProduction_WaitsOnWhoseSignOffIsMissingThenOnTheDirector()
    {
        var definition = new ProcedureCatalog().Get(ProcedureCodes.MantenimientoAplicaciones);
        var change = Request(ProcedureCodes.MantenimientoAplicaciones, "Autorizada a producción");

        change.Approvals.Add("permisos-infraestructura");
        Assert.Equal(["ServerAdmin"], NextActors.For(definition, change).Select(Token));

        change.Approvals.Add("permisos-servidores");
        Assert.Equal(["ItDirector"], NextActors.For(definition, change).Select(Token));
    }

    [Fact]
    public void For_DictamenSignedByTheTechnician_WaitsOnTheDirector()
    {
        var definition = new ProcedureCatalog().Get(ProcedureCodes.DictamenTecnico);
        var dictamen = Request(ProcedureCodes.DictamenTecnico, "En revisión");
        dictamen.AssigneeId = 7;
        dictamen.Approvals.Add("firma-tecnico");

        var waiting = Assert.Single(NextActors.For(definition, dictamen));

        Assert.Equal("ItDirector", Token(waiting));
        Assert.Equal(["firmar"], waiting.Actions.Select(a => a.Action));
    }

    [Fact]
    public void For_VisitToNotify_WaitsOnNobody_TheJobNotifiesIt_ThenOnItsTechnician()
    {
        var definition = new ProcedureCatalog().Get(ProcedureCodes.VisitaMantenimiento);

        Assert.Empty(NextActors.For(definition, Request(ProcedureCodes.VisitaMantenimiento, "Programada"), parentState: "Borrador"));
        Assert.Empty(NextActors.For(definition, Request(ProcedureCodes.VisitaMantenimiento, "Programada"), parentState: "En ejecución"));
        var notified = Request(ProcedureCodes.VisitaMantenimiento, "Notificada");
        notified.AssigneeId = 9;
        Assert.Equal([Asignado], NextActors.For(definition, notified, parentState: "En ejecución").Select(Token));
    }

    [Fact]
    public void For_ConfiguredOverride_ReplacesTheDerivedParties()
    {
        var catalog = new ProcedureCatalog();
        var (overrides, errors) = NextActorOverrides.Parse(
            new Dictionary<string, Dictionary<string, string[]>> { ["ds-ui-04"] = new() { ["abierto"] = ["Jefe de Infraestructura y HelpDesk"] } }, catalog);

        Assert.Empty(errors);
        var waiting = NextActors.For(catalog.Get(ProcedureCodes.SoporteTecnico), Request(ProcedureCodes.SoporteTecnico, "Abierto"), overrides: overrides);
        Assert.Equal(["InfraHead"], waiting.Select(Token));
        Assert.Equal(["asignar"], waiting[0].Actions.Select(a => a.Action));
    }

    /// <summary>
    /// The queue's candidate query selects by <see cref="NextActors.RoleSteps"/>: every role <see cref="NextActors.For"/>
    /// answers, for any sign-offs, testers, parent state, open children and assignment, must be among them, or a queue
    /// would miss a request.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryState))]
    public void RoleSteps_HoldEveryRoleForAnswersInAnyCircumstance(string code, string state)
    {
        var catalog = new ProcedureCatalog();
        var definition = catalog.Get(code);
        var (overrides, _) = NextActorOverrides.Parse(
            new Dictionary<string, Dictionary<string, string[]>> { ["ds-ui-04"] = new() { ["abierto"] = ["Jefe de Infraestructura y HelpDesk"] } }, catalog);
        var signOffs = definition.Transitions.Select(t => t.RecordsApproval).OfType<string>().Distinct().ToList();
        var checkedCases = 0;
        foreach (var configured in new[] { null, overrides })
        {
            var steps = NextActors.RoleSteps(definition, configured).Where(s => s.State == state).ToList();
            foreach (var approvals in Subsets(signOffs))
            {
                foreach (var parentState in new string?[] { null }.Concat(definition.ParentStates))
                {
                    foreach (var testers in new List<TesterRef>[] { [], [new(7, true)], [new(7, false)], [new(7, true), new(8, false)] })
                    {
                        foreach (var (assignee, openChildren) in new[] { ((long?)null, 0), (null, 1), (2L, 0), (2L, 1) })
                        {
                            var request = Request(code, state);
                            request.AssigneeId = assignee;
                            request.Approvals = approvals;
                            foreach (var role in NextActors.For(definition, request, parentState, configured, testers, openChildren)
                                .Where(w => w.Kind == PartyKind.Role).Select(w => w.Party.Role!.Value))
                            {
                                Assert.Contains(steps, s => s.Role == role && (assignee is null ? s.WhenUnassigned : s.WhenAssigned));
                                checkedCases++;
                            }
                        }
                    }
                }
            }
        }

        var rolesInTable = NextActors.Table(definition).Single(r => r.State.Name == state);
        Assert.True(checkedCases > 0 || !rolesInTable.Unassigned.Concat(rolesInTable.Assigned).Any(w => w.Kind == PartyKind.Role),
            $"{code} «{state}» waits on a role in the table, but no circumstance above produced one.");
    }

    /// <summary>A step whose role acts only on unassigned requests is not a candidate of that role's queue once assigned.</summary>
    [Fact]
    public void RoleSteps_AssignOnlyWhileNobodyIsAssigned()
    {
        var steps = NextActors.RoleSteps(new ProcedureCatalog().Get(ProcedureCodes.NuevaAplicacion)).Where(s => s.State == "En análisis").ToList();

        var head = Assert.Single(steps);
        Assert.Equal(new RoleStep("En análisis", Core.People.Role.DevHead, WhenUnassigned: true, WhenAssigned: false), head);
    }

    private static IEnumerable<List<string>> Subsets(List<string> items) =>
        Enumerable.Range(0, 1 << items.Count).Select(mask => items.Where((_, i) => (mask & (1 << i)) != 0).ToList());

    private static Request Request(string code, string state) =>
        new() { Number = "UI-2026-00001", ProcedureCode = code, State = state, Title = "x", RequesterId = 1 };

    private static string Token(WaitingParty w) => w.Kind switch
    {
        PartyKind.Requester => Solicitante,
        PartyKind.Assignee => Asignado,
        PartyKind.Testers => Probadores,
        _ => w.Party.Role!.Value.ToString(),
    };
}
