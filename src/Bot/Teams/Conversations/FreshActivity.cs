using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// An activity the receiver has just stored (its row, with the first attempt counted) and the activity it parsed; and,
/// when the receiver looked the sender up already (to tell a read-only turn), who it is, so the turn does not read it again.
/// </summary>
public sealed record FreshActivity(TeamsInboundActivity Row, Activity Activity, KnownSender? Sender = null);
