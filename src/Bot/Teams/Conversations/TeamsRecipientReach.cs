using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>Teams reaches a person once a conversation reference is stored for them (they installed the bot or wrote to it).</summary>
public sealed class TeamsRecipientReach(SosepDbContext db) : IRecipientReach
{
    public OutboxChannel Channel => OutboxChannel.Teams;

    public async Task<Reach> ReachAsync(long personId, CancellationToken cancellationToken) =>
        await db.TeamsConversationReferences.AnyAsync(r => r.PersonId == personId, cancellationToken)
            ? Reach.Yes
            : Reach.No("Teams no instalado");
}
