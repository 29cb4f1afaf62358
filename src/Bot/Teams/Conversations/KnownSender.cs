using SosepBot.Core.People;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>The sender of an activity as far as the database alone tells: the active person, or null for nobody the bot may serve.</summary>
public sealed record KnownSender(Person? Person);
