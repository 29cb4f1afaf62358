using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>
/// Generated over the whole catalog: every transition of every procedure, from each of its source states,
/// against the engine alone (in-memory requests, no database).
/// </summary>
public sealed class ProcedureMachineCatalogTests
{
    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var p in Engine.Catalog.All)
        {
            data.Add(p.Code);
        }

        return data;
    }

    /// <summary>(code, action, source state) for every source state of every transition.</summary>
    public static TheoryData<string, string, string> Sources()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var p in Engine.Catalog.All)
        {
            foreach (var t in p.Transitions)
            {
                foreach (var from in t.From)
                {
                    data.Add(p.Code, t.Action, from);
                }
            }
        }

        return data;
    }

    /// <summary>(code, action, source state, rule index) for every rule of every transition.</summary>
    public static TheoryData<string, string, string, int> SourcesAndRules()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var p in Engine.Catalog.All)
        {
            foreach (var t in p.Transitions)
            {
                foreach (var from in t.From)
                {
                    for (var i = 0; i < t.Who.Count; i++)
                    {
                        data.Add(p.Code, t.Action, from, i);
                    }
                }
            }
        }

        return data;
    }

    /// <summary>(code, action, source state, role) for "only the assignee" rules whose role is not also allowed unassigned.</summary>
    public static TheoryData<string, string, string, Role> AssigneeOnlyRules()
    {
        var data = new TheoryData<string, string, string, Role>();
        foreach (var p in Engine.Catalog.All)
        {
            foreach (var t in p.Transitions)
            {
                var free = t.Who.Where(w => w.Role is not null && !w.MustBeAssignee).Select(w => w.Role!.Value).ToHashSet();
                foreach (var rule in t.Who.Where(w => w.MustBeAssignee && !free.Contains(w.Role!.Value)))
                {
                    foreach (var from in t.From)
                    {
                        data.Add(p.Code, t.Action, from, rule.Role!.Value);
                    }
                }
            }
        }

        return data;
    }

    /// <summary>(code, action, state) for every state that is not a source of the transition.</summary>
    public static TheoryData<string, string, string> WrongStates()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var p in Engine.Catalog.All)
        {
            foreach (var t in p.Transitions)
            {
                foreach (var s in p.States.Where(s => !t.From.Contains(s.Name)))
                {
                    data.Add(p.Code, t.Action, s.Name);
                }
            }
        }

        return data;
    }

    /// <summary>(code, state) for every state of every procedure.</summary>
    public static TheoryData<string, string> States()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in Engine.Catalog.All)
        {
            foreach (var s in p.States)
            {
                data.Add(p.Code, s.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourcesAndRules))]
    public void Check_ActorSatisfyingRuleWithNothingSupplied_IsAllowedOrOnlyMissesRequirements(string code, string action, string from, int rule)
    {
        var definition = Engine.Definition(code);
        var transition = Engine.Transition(code, action);
        var actor = Engine.ActorFor(transition.Who[rule]);

        var refusal = ProcedureMachine.Check(definition, action, Engine.Bare(definition, from, actor));

        if (refusal is not null)
        {
            // Missing data, or (for a visit) its calendar's state: never the role or the request's own state.
            Assert.Contains(refusal.Kind, new[] { ErrorKind.Invalid, ErrorKind.InvalidState });
            Assert.Matches($"^No se puede «{System.Text.RegularExpressions.Regex.Escape(transition.Label)}»( todavía: faltan? |: )", refusal.Message);
        }
        else
        {
            Assert.DoesNotContain(transition.Requirements, r => !r.IsMet(Engine.Bare(definition, from, actor)));
        }
    }

    [Theory]
    [MemberData(nameof(SourcesAndRules))]
    public async Task FireAsync_ActorSatisfyingRuleWithRequirementsMet_ReachesDestination(string code, string action, string from, int rule)
    {
        var definition = Engine.Definition(code);
        var transition = Engine.Transition(code, action);
        var actor = Engine.ActorFor(transition.Who[rule]);

        var context = Engine.Complete(definition, from, actor).FirstOrDefault(c => ProcedureMachine.Check(definition, action, c) is null);

        Assert.True(context is not null, $"{code} «{action}» from «{from}»: no context lets {Engine.Describe(transition.Who[rule])} fire it.");
        var used = await ProcedureMachine.FireAsync(definition, action, context);
        Assert.Equal(transition.To, context.Request.State);
        Assert.Equal(transition.Who[rule], used);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Check_ActorHoldingOnlyOtherRoles_IsForbidden(string code, string action, string from)
    {
        var definition = Engine.Definition(code);
        var transition = Engine.Transition(code, action);
        var allowed = transition.Who.Where(w => w.Role is not null).Select(w => w.Role!.Value).ToHashSet();
        var requesterMayFire = transition.Who.Any(w => w.IsRequester);
        // Every role but the allowed ones; the assignee, and the requester too when the requester may not fire it.
        var actor = Engine.Person(Engine.AssigneeId, Engine.AllRoles.Where(r => !allowed.Contains(r)).ToArray());

        foreach (var context in Engine.Complete(definition, from, actor))
        {
            if (!requesterMayFire)
            {
                context.Request.RequesterId = Engine.AssigneeId;
            }

            var refusal = ProcedureMachine.Check(definition, action, context);

            Assert.NotNull(refusal);
            Assert.Equal(ErrorKind.Forbidden, refusal.Kind);
            Assert.Contains($"No tiene permiso para «{transition.Label}»", refusal.Message, StringComparison.Ordinal);
            Assert.Contains(transition.DescribeWho(), refusal.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(AssigneeOnlyRules))]
    public void Check_RoleHolderWhoIsNotTheAssignee_IsForbidden(string code, string action, string from, Role role)
    {
        var definition = Engine.Definition(code);
        var holder = Engine.Person(Engine.OtherId, role);
        var assignee = Engine.Person(Engine.AssigneeId, role);

        foreach (var context in Engine.Complete(definition, from, holder))
        {
            var refusal = ProcedureMachine.Check(definition, action, context);

            Assert.NotNull(refusal);
            Assert.Equal(ErrorKind.Forbidden, refusal.Kind);
            Assert.Contains($"{role.ToSpanish()} (asignado)", refusal.Message, StringComparison.Ordinal);
        }

        // The same person, once assigned, may.
        Assert.Contains(Engine.Complete(definition, from, assignee), c => ProcedureMachine.Check(definition, action, c) is null);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Check_RequesterRule_AllowsOnlyTheRequester(string code, string action, string from)
    {
        var definition = Engine.Definition(code);
        var transition = Engine.Transition(code, action);
        var requester = Engine.Person(Engine.RequesterId);
        var stranger = Engine.Person(Engine.OtherId);

        var byRequester = Engine.Complete(definition, from, requester).Select(c => ProcedureMachine.Check(definition, action, c)).ToList();
        var byStranger = Engine.Complete(definition, from, stranger).Select(c => ProcedureMachine.Check(definition, action, c)).ToList();

        // Somebody who holds no role and is neither requester nor assignee may never act.
        Assert.All(byStranger, r => Assert.Equal(ErrorKind.Forbidden, r?.Kind));
        if (transition.Who.Any(w => w.IsRequester))
        {
            Assert.Contains(byRequester, r => r is null);
        }
        else
        {
            Assert.All(byRequester, r => Assert.Equal(ErrorKind.Forbidden, r?.Kind));
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Check_TesterRule_AllowsOnlyADesignatedTester(string code, string action, string from)
    {
        var definition = Engine.Definition(code);
        var transition = Engine.Transition(code, action);
        var tester = Engine.Person(Engine.TesterId);

        var byTester = Engine.Complete(definition, from, tester).Select(c => ProcedureMachine.Check(definition, action, c)).ToList();
        var undesignated = Engine.Complete(definition, from, tester).Select(c => ProcedureMachine.Check(definition, action, new TransitionContext
        {
            Request = c.Request, Actor = c.Actor, Input = c.Input, ChosenAssigneeRoles = c.ChosenAssigneeRoles, Children = c.Children,
            OpenChildren = c.OpenChildren, ParentState = c.ParentState, Documents = c.Documents, Testers = [],
        })).ToList();

        // Nobody but a person named to test acts as a tester; a tester holds no role and acts only where the rule says so.
        Assert.All(undesignated, r => Assert.Equal(ErrorKind.Forbidden, r?.Kind));
        if (transition.Who.Any(w => w.IsTester))
        {
            Assert.Contains(byTester, r => r is null);
            Assert.Contains(RoleNames.Tester.ToLowerInvariant().Replace("usuario", "un usuario", StringComparison.Ordinal), transition.DescribeWho(), StringComparison.Ordinal);
        }
        else
        {
            Assert.All(byTester, r => Assert.Equal(ErrorKind.Forbidden, r?.Kind));
        }
    }

    [Theory]
    [MemberData(nameof(WrongStates))]
    public void Check_FromStateNotAmongSources_IsInvalidState(string code, string action, string state)
    {
        var definition = Engine.Definition(code);
        var transition = Engine.Transition(code, action);
        // Everybody at once: every role, requester and assignee; every requirement met.
        var everybody = Engine.Person(Engine.RequesterId, [.. Engine.AllRoles]);

        foreach (var context in Engine.Complete(definition, state, everybody))
        {
            context.Request.AssigneeId = Engine.RequesterId;
            var refusal = ProcedureMachine.Check(definition, action, context);

            Assert.NotNull(refusal);
            Assert.Equal(ErrorKind.InvalidState, refusal.Kind);
            Assert.Contains($"No se puede «{transition.Label}»", refusal.Message, StringComparison.Ordinal);
            Assert.Contains($"está en «{state}»", refusal.Message, StringComparison.Ordinal);
            Assert.Equal(state, context.Request.State);
        }
    }

    [Theory]
    [MemberData(nameof(WrongStates))]
    public async Task FireAsync_FromStateNotAmongSources_ThrowsAndLeavesState(string code, string action, string state)
    {
        var definition = Engine.Definition(code);
        var everybody = Engine.Person(Engine.RequesterId, [.. Engine.AllRoles]);
        var context = Engine.Complete(definition, state, everybody).First();
        context.Request.AssigneeId = Engine.RequesterId;

        var refusal = await Assert.ThrowsAsync<DomainException>(() => ProcedureMachine.FireAsync(definition, action, context));

        Assert.Equal(ErrorKind.InvalidState, refusal.Kind);
        Assert.Equal(state, context.Request.State);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Check_UnknownAction_IsNotFoundAndListsTheActions(string code, string state)
    {
        var definition = Engine.Definition(code);
        var everybody = Engine.Person(Engine.RequesterId, [.. Engine.AllRoles]);

        var refusal = ProcedureMachine.Check(definition, "accion-que-no-existe", Engine.Bare(definition, state, everybody));

        Assert.NotNull(refusal);
        Assert.Equal(ErrorKind.NotFound, refusal.Kind);
        Assert.Contains($"no existe en el procedimiento {code}", refusal.Message, StringComparison.Ordinal);
        Assert.All(definition.Transitions, t => Assert.Contains(t.Action, refusal.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Available_ForEachKindOfActor_ListsExactlyWhatCheckDoesNotForbid(string code, string state)
    {
        var definition = Engine.Definition(code);
        var actors = definition.Transitions.SelectMany(t => t.Who).Distinct().Select(Engine.ActorFor)
            .Append(Engine.Person(Engine.OtherId))
            .ToList();

        foreach (var actor in actors)
        {
            var context = Engine.Bare(definition, state, actor);
            var expected = definition.Transitions
                .Where(t => ProcedureMachine.Check(definition, t.Action, context) is not { Kind: ErrorKind.Forbidden or ErrorKind.InvalidState })
                .Select(t => t.Action).Order(StringComparer.Ordinal).ToList();

            var available = ProcedureMachine.Available(definition, context);

            Assert.Equal(expected, available.Select(a => a.Action).Order(StringComparer.Ordinal).ToList());
            Assert.All(available, a => Assert.Equal(definition.Transition(a.Action)!.To, a.To));
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Definition_EveryState_IsReachableFromTheInitialState(string code)
    {
        var definition = Engine.Definition(code);
        var reached = new HashSet<string> { definition.InitialState };
        var frontier = new Queue<string>(reached);
        while (frontier.TryDequeue(out var state))
        {
            foreach (var t in definition.From(state).Where(t => reached.Add(t.To)))
            {
                frontier.Enqueue(t.To);
            }
        }

        Assert.Equal(definition.States.Select(s => s.Name).Order(StringComparer.Ordinal), reached.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Definition_NonFinalStates_HaveAWayOutAndFinalStatesHaveNone(string code)
    {
        var definition = Engine.Definition(code);

        Assert.All(definition.States, s =>
        {
            if (s.IsFinal)
            {
                Assert.Empty(definition.From(s.Name));
            }
            else
            {
                Assert.Contains(definition.From(s.Name), t => !t.IsReentry(s.Name));
            }
        });
    }

    [Fact]
    public void Catalog_Procedures_AreTheManualsNineAndTheVisitIsAChildOfTheCalendar()
    {
        Assert.Equal(
            [
                ProcedureCodes.NuevaAplicacion, ProcedureCodes.MantenimientoAplicaciones, ProcedureCodes.MantenimientoPreventivo,
                ProcedureCodes.SoporteTecnico, ProcedureCodes.DictamenTecnico, ProcedureCodes.SoporteSedes,
                ProcedureCodes.UsuarioDominio, ProcedureCodes.UsuarioBsosep, ProcedureCodes.SigesSicoin,
            ],
            Engine.Catalog.Procedures.Select(p => p.Code).Order(StringComparer.Ordinal).ToArray());
        var visit = Assert.Single(Engine.Catalog.ChildrenOf(ProcedureCodes.MantenimientoPreventivo));
        Assert.Equal(ProcedureCodes.VisitaMantenimiento, visit.Code);
        Assert.Equal(10, Engine.Catalog.All.Count);
        Assert.Same(Engine.Catalog.Get("ds-ui-04"), Engine.Catalog.Get(ProcedureCodes.SoporteTecnico));
        Assert.Null(Engine.Catalog.Find("DS-UI-99"));
    }
}
