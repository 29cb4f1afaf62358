using SosepBot.Core.People;

namespace SosepBot.Core.Procedures;

/// <summary>Who a step may wait on: the requester, the assignee, or the holders of a role.</summary>
public readonly record struct Party(PartyKind Kind, Role? Role)
{
    public static Party Requester => new(PartyKind.Requester, null);

    public static Party Assignee => new(PartyKind.Assignee, null);

    public static Party Holders(Role role) => new(PartyKind.Role, role);

    /// <summary>The request's designated testers who have not approved the current round yet.</summary>
    public static Party Testers => new(PartyKind.Testers, null);

    /// <summary>The Spanish name of the party, as the docs and the notices say it.</summary>
    public string Describe() => Kind switch
    {
        PartyKind.Requester => "el solicitante",
        PartyKind.Assignee => "la persona asignada",
        PartyKind.Testers => "los usuarios de pruebas designados",
        _ => Role!.Value.ToSpanish(),
    };

    /// <summary>True when a person of this party may fire an action under <paramref name="rule"/>.</summary>
    public bool Covers(ActorRule rule)
    {
        System.ArgumentNullException.ThrowIfNull(rule);
        return Kind switch
        {
            PartyKind.Requester => rule.IsRequester,
            PartyKind.Assignee => rule.MustBeAssignee,
            PartyKind.Testers => rule.IsTester,
            _ => rule.Kind == ActorRuleKind.Role && rule.Role == Role,
        };
    }

    /// <summary>Parses a configuration token: "solicitante", "asignado", or a role in English or Spanish.</summary>
    public static bool TryParse(string? text, out Party party)
    {
        party = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "solicitante" or "requester":
                party = Requester;
                return true;
            case "asignado" or "asignada" or "assignee":
                party = Assignee;
                return true;
            case "probadores" or "usuarios de pruebas" or "testers":
                party = Testers;
                return true;
        }

        if (RoleNames.TryParse(text, out var role))
        {
            party = Holders(role);
            return true;
        }

        return false;
    }
}

public enum PartyKind
{
    Requester = 1,
    Assignee = 2,
    Role = 3,
    Testers = 4,
}
