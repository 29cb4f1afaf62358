namespace SosepBot.Core.Procedures;

/// <summary>A condition a step needs (data, attachments, input), described in Spanish for refusals and diagrams.</summary>
/// <param name="Description">What is needed, in Spanish ("adjuntar fotocopia del DPI").</param>
/// <param name="IsMet">The check.</param>
/// <param name="FromInput">Met by what the person supplies with the action rather than by the request's data.</param>
public sealed record Requirement(string Description, Func<TransitionContext, bool> IsMet, bool FromInput = false);
