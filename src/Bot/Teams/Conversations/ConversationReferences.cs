using Microsoft.EntityFrameworkCore;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Persistence;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>Stores, per person, how to write to them later (user id, tenant, serviceUrl, their 1:1 conversation).</summary>
public sealed class ConversationReferences(SosepDbContext db, TimeProvider time)
{
    // Compared on every turn of a registered person: compiled once.
    private static readonly Func<SosepDbContext, long, CancellationToken, Task<TeamsConversationReference?>> Stored =
        EF.CompileAsyncQuery((SosepDbContext d, long personId, CancellationToken ct) =>
            d.TeamsConversationReferences.AsNoTracking().FirstOrDefault(r => r.PersonId == personId));

    /// <summary>True when <see cref="RememberAsync"/> would write nothing for this activity (the stored reference is the same).</summary>
    public async Task<bool> IsCurrentAsync(long personId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.From?.Id is not { } userId || activity.ServiceUrl is null || activity.ChannelId is null)
        {
            return true;
        }

        var existing = await Stored(db, personId, cancellationToken);
        return existing is not null && Same(existing, activity, userId);
    }

    /// <summary>Records the reference of an activity a registered person sent in a personal chat; writes only what changed.</summary>
    public async Task RememberAsync(long personId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.From?.Id is not { } userId || activity.ServiceUrl is null || activity.ChannelId is null)
        {
            return;
        }

        var conversationId = PersonalConversationId(activity);
        var existing = await db.TeamsConversationReferences.FirstOrDefaultAsync(r => r.PersonId == personId, cancellationToken);
        if (existing is null)
        {
            existing = new TeamsConversationReference { PersonId = personId, UserId = userId, ServiceUrl = activity.ServiceUrl, ChannelId = activity.ChannelId };
            db.TeamsConversationReferences.Add(existing);
        }
        else if (Same(existing, activity, userId))
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

    private static string? PersonalConversationId(Activity activity) =>
        activity.Conversation?.ConversationType is null or "personal" && activity.Conversation?.IsGroup != true ? activity.Conversation?.Id : null;

    private static bool Same(TeamsConversationReference existing, Activity activity, string userId) =>
        existing.UserId == userId && existing.ServiceUrl == activity.ServiceUrl && existing.TenantId == activity.TenantId
        && (PersonalConversationId(activity) is not { } conversationId || existing.ConversationId == conversationId)
        && existing.BotId == activity.Recipient?.Id;
}
