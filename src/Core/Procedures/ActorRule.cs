using SosepBot.Core.People;

namespace SosepBot.Core.Procedures;

/// <summary>
/// Who may fire a transition: holders of <see cref="Role"/> (only the assignee when
/// <see cref="MustBeAssignee"/>), or the request's requester when <see cref="Role"/> is null.
/// </summary>
public sealed record ActorRule(Role? Role, bool MustBeAssignee)
{
    public static ActorRule Requester { get; } = new(null, false);

    public bool IsRequester => Role is null;

    public string Describe() => Role switch
    {
        null => "el solicitante",
        { } r when MustBeAssignee => $"{r.ToSpanish()} (asignado)",
        { } r => r.ToSpanish(),
    };
}
