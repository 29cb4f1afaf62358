namespace SosepBot.Core.Procedures;

/// <summary>How a transition changes the request's assignee.</summary>
public enum AssignEffect
{
    None = 0,

    /// <summary>The person chosen in the action's input.</summary>
    FromInput = 1,

    /// <summary>The person who fires the action ("tomar").</summary>
    Actor = 2,

    /// <summary>Nobody: the next step waits for its people to be chosen (or to take it).</summary>
    Clear = 3,
}
