using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>Teams reaches a person once a conversation reference is stored for them (they wrote to the bot).</summary>
public sealed class TeamsRecipientReach(SosepDbContext db) : IRecipientReach
{
    public OutboxChannel Channel => OutboxChannel.Teams;

    public Task<bool> CanReachAsync(long personId, CancellationToken cancellationToken) =>
        db.TeamsConversationReferences.AnyAsync(r => r.PersonId == personId, cancellationToken);
}
