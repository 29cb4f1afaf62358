namespace SosepBot.Core.Procedures;

/// <summary>One state of a procedure, named as users see it.</summary>
/// <param name="Name">The state's name in Spanish (stored in the request).</param>
/// <param name="Description">What happens in this step, after the manual.</param>
/// <param name="IsFinal">No transition leaves it.</param>
/// <param name="WaitsOnRequester">The clock stops while the request waits on its requester.</param>
/// <param name="TimeLimit">Business time allowed in this step by default; null for none.</param>
public sealed record StateDefinition(
    string Name,
    string Description,
    bool IsFinal = false,
    bool WaitsOnRequester = false,
    TimeSpan? TimeLimit = null);
