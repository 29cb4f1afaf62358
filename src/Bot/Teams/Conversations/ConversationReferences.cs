using Microsoft.EntityFrameworkCore;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Persistence;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>Stores, per person, how to write to them later (user id, tenant, serviceUrl, their 1:1 conversation).</summary>
public sealed class ConversationReferences(SosepDbContext db, TimeProvider time)
{
    /// <summary>Records the reference of an activity a registered person sent in a personal chat; writes only what changed.</summary>
    public async Task RememberAsync(long personId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.From?.Id is not { } userId || activity.ServiceUrl is null || activity.ChannelId is null)
        {
            return;
        }

        var personal = activity.Conversation?.ConversationType is null or "personal" && activity.Conversation?.IsGroup != true;
        var conversationId = personal ? activity.Conversation?.Id : null;
        var existing = await db.TeamsConversationReferences.FirstOrDefaultAsync(r => r.PersonId == personId, cancellationToken);
        if (existing is null)
        {
            existing = new TeamsConversationReference { PersonId = personId, UserId = userId, ServiceUrl = activity.ServiceUrl, ChannelId = activity.ChannelId };
            db.TeamsConversationReferences.Add(existing);
        }
        else if (existing.UserId == userId && existing.ServiceUrl == activity.ServiceUrl && existing.TenantId == activity.TenantId
            && (conversationId is null || existing.ConversationId == conversationId) && existing.BotId == activity.Recipient?.Id)
        {
            return;
        }

        if (existing.UserId != userId || existing.ServiceUrl != activity.ServiceUrl)
        {
            existing.ConversationId = null;
        }

        existing.UserId = userId;
        existing.AadObjectId = activity.From.AadObjectId;
        existing.TenantId = activity.TenantId;
        existing.ServiceUrl = activity.ServiceUrl;
        existing.ChannelId = activity.ChannelId;
        existing.BotId = activity.Recipient?.Id ?? existing.BotId;
        existing.ConversationId = conversationId ?? existing.ConversationId;
        existing.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
