using SosepBot.Core.People;

namespace SosepBot.Core.Procedures;

/// <summary>An action the caller may take now.</summary>
/// <param name="Action">Its code.</param>
/// <param name="Label">Its Spanish label.</param>
/// <param name="To">The state it leads to.</param>
/// <param name="NeedsText">When set, the text it asks for.</param>
/// <param name="ChoosesAssignee">When set, the role of the person it asks to choose.</param>
/// <param name="Missing">Data or attachments the request still lacks for it.</param>
/// <param name="MissingFiles">Those of <paramref name="Missing"/> that are files, with their kind (what a channel may ask the person to send).</param>
/// <param name="NamesTesters">The action takes the people who must test (<see cref="ActionInput.TesterIds"/>).</param>
public sealed record AvailableAction(
    string Action,
    string Label,
    string To,
    string? NeedsText,
    Role? ChoosesAssignee,
    IReadOnlyList<string> Missing,
    IReadOnlyList<MissingFile> MissingFiles,
    bool NamesTesters = false);

/// <summary>A file an action still needs: how it is described in <see cref="AvailableAction.Missing"/>, and its kind.</summary>
public sealed record MissingFile(string Description, Attachments.AttachmentKind Kind);
