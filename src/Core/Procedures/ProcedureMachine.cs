using SosepBot.Core.Errors;
using Stateless;
using Stateless.Graph;

namespace SosepBot.Core.Procedures;

/// <summary>
/// Builds a Stateless machine over a request's stored state, one per operation, from a
/// <see cref="ProcedureDefinition"/>; checks an action and says in Spanish why it is refused.
/// </summary>
public static class ProcedureMachine
{
    public static StateMachine<string, string> Build(ProcedureDefinition definition, TransitionContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(context);
        var machine = new StateMachine<string, string>(() => context.Request.State, s => context.Request.State = s);
        foreach (var state in definition.States)
        {
            machine.Configure(state.Name);
        }

        foreach (var transition in definition.Transitions)
        {
            var guards = Guards(transition, context);
            foreach (var from in transition.From)
            {
                if (transition.IsReentry(from))
                {
                    machine.Configure(from).PermitReentryIf(transition.Action, guards);
                }
                else
                {
                    machine.Configure(from).PermitIf(transition.Action, transition.To, guards);
                }
            }
        }

        return machine;
    }

    /// <summary>The first rule that lets the actor fire <paramref name="transition"/>, or null.</summary>
    public static ActorRule? MatchingRule(TransitionDefinition transition, TransitionContext context)
    {
        ArgumentNullException.ThrowIfNull(transition);
        ArgumentNullException.ThrowIfNull(context);
        return transition.Who.FirstOrDefault(w => w.Kind switch
        {
            ActorRuleKind.Requester => context.IsRequester,
            ActorRuleKind.Tester => context.IsTester,
            _ => context.Actor.Holds(w.Role!.Value) && (!w.MustBeAssignee || context.IsAssignee),
        });
    }

    /// <summary>Returns the refusal for firing <paramref name="action"/> now, or null when it may be fired.</summary>
    public static DomainException? Check(ProcedureDefinition definition, string action, TransitionContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(context);
        var transition = definition.Transition(action);
        var state = context.Request.State;
        if (transition is null)
        {
            return new DomainException(ErrorKind.NotFound,
                ProcedureTexts.UnknownAction(action, definition.Code, definition.Transitions.Select(t => t.Action)));
        }

        if (!transition.From.Contains(state))
        {
            return new DomainException(ErrorKind.InvalidState, ProcedureTexts.WrongState(
                transition.Label, context.Request.Number, state, definition.From(state).Select(t => t.Label).ToList()));
        }

        if (MatchingRule(transition, context) is null)
        {
            return new DomainException(ErrorKind.Forbidden,
                ProcedureTexts.NotAllowed(transition.Label, context.Request.Number, transition.DescribeWho()));
        }

        var unmet = transition.Requirements.Where(r => !r.IsMet(context)).ToList();
        if (unmet.Count > 0)
        {
            var kind = unmet.Any(r => r.Kind == ErrorKind.InvalidState) ? ErrorKind.InvalidState : ErrorKind.Invalid;
            var reasons = unmet.Where(r => r.Kind == kind).Select(r => (r.RefusalFor(context), r.Shape)).ToList();
            return new DomainException(kind, ProcedureTexts.Unmet(transition.Label, reasons));
        }

        return null;
    }

    /// <summary>Checks, then fires through Stateless. Returns the rule the actor acted under (for the audit).</summary>
    public static async Task<ActorRule> FireAsync(ProcedureDefinition definition, string action, TransitionContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var refusal = Check(definition, action, context);
        if (refusal is not null)
        {
            throw refusal;
        }

        var transition = definition.Transition(action)!;
        var machine = Build(definition, context);
        await machine.FireAsync(transition.Action).ConfigureAwait(false);
        return MatchingRule(transition, context)!;
    }

    /// <summary>What the actor may do now: transitions from the current state they are allowed to fire, with what is still missing.</summary>
    public static IReadOnlyList<AvailableAction> Available(ProcedureDefinition definition, TransitionContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(context);
        return definition.From(context.Request.State)
            .Where(t => MatchingRule(t, context) is not null)
            .Where(t => !t.Requirements.Any(r => r.Kind == ErrorKind.InvalidState && !r.IsMet(context)))
            .Select(t =>
            {
                var missing = t.Requirements.Where(r => !r.FromInput && !r.IsMet(context)).Select(r => (Requirement: r, Description: r.DescribeFor(context))).ToList();
                return new AvailableAction(
                    t.Action,
                    t.Label,
                    t.To,
                    t.TextLabel,
                    t.AssigneeRole,
                    missing.Select(m => m.Description).ToList(),
                    missing.Where(m => m.Requirement.Attachment is not null).Select(m => new MissingFile(m.Description, m.Requirement.Attachment!.Value)).ToList(),
                    t.NamesTesters);
            })
            .ToList();
    }

    /// <summary>The procedure's diagram in Mermaid, generated from the Stateless machine.</summary>
    public static string Mermaid(ProcedureDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var context = new TransitionContext
        {
            Request = new Requests.Request { Number = "-", ProcedureCode = definition.Code, State = definition.InitialState, Title = "-" },
            Actor = new Actor(0, "-", new HashSet<People.Role>(), Requests.Channel.System),
        };
        return MermaidGraph.Format(Build(definition, context).GetInfo());
    }

    private static Tuple<Func<bool>, string>[] Guards(TransitionDefinition transition, TransitionContext context) =>
    [
        Tuple.Create<Func<bool>, string>(() => MatchingRule(transition, context) is not null, transition.DescribeWho()),
        .. transition.Requirements.Select(r => Tuple.Create<Func<bool>, string>(() => r.IsMet(context), r.Description)),
    ];
}
