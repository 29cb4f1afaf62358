using SosepBot.Core.Requests;

namespace SosepBot.Core.Procedures;

/// <summary>Which form a procedure uses and which of its fields are obligatory.</summary>
/// <param name="FormCodes">The forms the procedure accepts (first is the default).</param>
/// <param name="Required">Fields that must be filled, with their Spanish label.</param>
/// <param name="Check">Cross-field rules; returns a Spanish message or null.</param>
public sealed record FormRules(
    IReadOnlyList<string> FormCodes,
    IReadOnlyList<(string Label, Func<FormData, bool> IsFilled)> Required,
    Func<FormData, string?>? Check = null);
