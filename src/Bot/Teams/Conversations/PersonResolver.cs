using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Who wrote: the registered person with the activity's Entra object id (from.aadObjectId, compared as a string).
/// A person registered by e-mail but never seen in Teams is recognised once through the Teams roster (the member's
/// e-mail or UPN as Teams gives it, never as typed by the user) and their object id is recorded. Anybody else is
/// unknown: the bot answers with how to get registered and does nothing else.
/// </summary>
public sealed partial class PersonResolver(PeopleService people, SosepDbContext db, ConnectorClient connector, ILogger<PersonResolver> logger)
{
    /// <summary>
    /// The answer <see cref="ResolveAsync"/> would give when it needs nothing but the database: the person with the
    /// activity's object id (null when inactive, or when the activity carries no object id). Null — not known this
    /// way — when nobody has that object id yet (the roster would have to be asked).
    /// </summary>
    public async Task<KnownSender?> FindKnownAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var objectId = activity.From?.AadObjectId?.Trim();
        if (string.IsNullOrEmpty(objectId))
        {
            return new KnownSender(null);
        }

        var person = await people.FindByAadObjectIdAsync(objectId, cancellationToken);
        return person is null ? null : new KnownSender(person.IsActive ? person : null);
    }

    public async Task<Person?> ResolveAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (await FindKnownAsync(activity, cancellationToken) is { } known)
        {
            return known.Person;
        }

        // Nobody has the object id yet: ask the roster.
        var objectId = activity.From!.AadObjectId!.Trim();
        if (activity.From?.Id is not { } userId || activity.ServiceUrl is null || activity.Conversation?.Id is null)
        {
            return null;
        }

        ChannelAccount? member;
        try
        {
            member = await connector.GetMemberAsync(activity.ServiceUrl, activity.Conversation.Id, userId, cancellationToken);
        }
        catch (BotConnectorException)
        {
            member = null;
        }

        var email = member?.Email ?? member?.UserPrincipalName;
        if (email is null || !string.Equals(member!.AadObjectId ?? objectId, objectId, StringComparison.OrdinalIgnoreCase))
        {
            LogUnknown(logger);
            return null;
        }

        Person? person;
        try
        {
            person = await people.FindByEmailAsync(email, cancellationToken);
        }
        catch (Core.Errors.DomainException)
        {
            person = null;
        }

        if (person is not { IsActive: true } || !string.IsNullOrEmpty(person.AadObjectId))
        {
            LogUnknown(logger);
            return null;
        }

        person.AadObjectId = objectId;
        await db.SaveChangesAsync(cancellationToken);
        LogLinked(logger, person.Id);
        return person;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams activity from a person who is not registered")]
    private static partial void LogUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId} recognised in Teams by the roster's e-mail; object id recorded")]
    private static partial void LogLinked(ILogger logger, long personId);
}
