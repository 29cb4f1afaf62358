using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>An activity the receiver has just stored (its row, with the first attempt counted) and the activity it parsed.</summary>
public sealed record FreshActivity(TeamsInboundActivity Row, Activity Activity);
