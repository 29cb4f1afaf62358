namespace SosepBot.Bot.Teams.Cards;

/// <summary>One input of a procedure's form card: its id in the card, Spanish label and kind.</summary>
public sealed record FormField(string Id, string Label, FormFieldKind Kind, bool Required = false, IReadOnlyList<(string Title, string Value)>? Choices = null);
