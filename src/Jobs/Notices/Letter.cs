namespace SosepBot.Jobs.Notices;

/// <summary>One person's message of a notice. <paramref name="Html"/> goes with mail, <paramref name="Card"/> (Adaptive Card JSON) with Teams.</summary>
/// <param name="PersonId">Who.</param>
/// <param name="Subject">Subject (mail) or title.</param>
/// <param name="Text">Plain-text body in Spanish, greeting included.</param>
/// <param name="Html">Optional HTML body.</param>
/// <param name="Card">Optional Adaptive Card.</param>
/// <param name="EveryChannel">Send on every channel that reaches the person (the digest) instead of the first one.</param>
public sealed record Letter(long PersonId, string Subject, string Text, string? Html = null, string? Card = null, bool EveryChannel = false);
