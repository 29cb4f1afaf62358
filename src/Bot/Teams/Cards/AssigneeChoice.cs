namespace SosepBot.Bot.Teams.Cards;

/// <summary>A person who may be chosen as assignee in a work card.</summary>
public sealed record AssigneeChoice(long Id, string Name);
