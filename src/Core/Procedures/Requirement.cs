using SosepBot.Core.Errors;

namespace SosepBot.Core.Procedures;

/// <summary>A condition a step needs (data, attachments, input), described in Spanish for refusals and diagrams.</summary>
/// <param name="Description">What is needed, in Spanish ("adjuntar fotocopia del DPI").</param>
/// <param name="IsMet">The check.</param>
/// <param name="FromInput">Met by what the person supplies with the action rather than by the request's data.</param>
/// <param name="Explain">A more precise description for a refusal, from the request as it is (e.g. which fields are missing).</param>
/// <param name="Kind">How a refusal for it is classed: missing data (Invalid) or a state elsewhere (InvalidState).</param>
/// <param name="Attachment">When the requirement is a file of this kind (which a channel may then ask for, e.g. in the chat).</param>
/// <param name="ReadsDocuments">The check looks at the request's generated documents (<see cref="TransitionContext.Documents"/>).</param>
/// <param name="Shape">How the phrase reads (see <see cref="ProcedureTexts.Unmet"/>).</param>
/// <param name="Broken">For a <see cref="NeedShape.Rule"/>: the clause a refusal says when the rule is broken («ya se registró …»).</param>
public sealed record Requirement(
    string Description,
    Func<TransitionContext, bool> IsMet,
    bool FromInput = false,
    Func<TransitionContext, string>? Explain = null,
    ErrorKind Kind = ErrorKind.Invalid,
    Attachments.AttachmentKind? Attachment = null,
    bool ReadsDocuments = false,
    NeedShape Shape = NeedShape.Task,
    string? Broken = null)
{
    public string DescribeFor(TransitionContext context) => Explain?.Invoke(context) ?? Description;

    /// <summary>The clause a refusal says for it: what is missing, or for a rule what is wrong.</summary>
    public string RefusalFor(TransitionContext context) => Shape == NeedShape.Rule && Broken is not null ? Broken : DescribeFor(context);
}
