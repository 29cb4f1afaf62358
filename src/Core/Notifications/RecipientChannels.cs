using System.Globalization;

namespace SosepBot.Core.Notifications;

/// <summary>
/// Addresses a letter to a person: one outbox message per channel that reaches them (the first one in
/// the given order, or each one for letters sent on every channel) — or, when none does, one message
/// that waits for a channel (<see cref="OutboxStatus.AwaitingChannel"/>) with the reason, released by
/// <see cref="ChannelWaitingRoom"/> once a channel reaches the person. Nothing is dropped. One per scope: it remembers answers.
/// </summary>
public sealed class RecipientChannels(IEnumerable<IRecipientReach> reaches, TimeProvider time)
{
    /// <summary>Said when the service has no channel at all.</summary>
    public const string NoChannelConfigured = "sin canal: ni el correo ni Teams están configurados en el servicio";

    private readonly Dictionary<OutboxChannel, IRecipientReach> _reaches = reaches.ToDictionary(r => r.Channel);
    private readonly Dictionary<(long, OutboxChannel), Reach> _known = [];

    /// <summary>The channels that reach the person, in order (the first only unless <paramref name="every"/>), or why none does.</summary>
    public async Task<(IReadOnlyList<OutboxChannel> Channels, string? Reason)> ChooseAsync(
        long personId, IReadOnlyList<OutboxChannel> order, bool every, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var found = new List<OutboxChannel>();
        var reasons = new List<string>();
        foreach (var channel in order)
        {
            if (!_reaches.TryGetValue(channel, out var reach))
            {
                continue;
            }

            if (!_known.TryGetValue((personId, channel), out var answer))
            {
                answer = await reach.ReachAsync(personId, cancellationToken);
                _known[(personId, channel)] = answer;
            }

            if (answer.CanReach)
            {
                found.Add(channel);
                if (!every)
                {
                    break;
                }
            }
            else if (answer.Reason is { } why)
            {
                reasons.Add(why);
            }
        }

        return found.Count > 0 ? (found, null)
            : (found, _reaches.Count == 0 || reasons.Count == 0 ? NoChannelConfigured : "sin canal: " + string.Join("; ", reasons));
    }

    /// <summary>The messages that carry <paramref name="letter"/> to the person (see the class).</summary>
    public async Task<IReadOnlyList<OutboxMessage>> AddressAsync(
        OutgoingLetter letter, IReadOnlyList<OutboxChannel> order, bool every, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var (channels, reason) = await ChooseAsync(letter.PersonId, order, every, cancellationToken);
        var now = time.GetUtcNow();
        if (channels.Count == 0)
        {
            var waiting = letter.Message(order[0], now);
            waiting.Status = OutboxStatus.AwaitingChannel;
            waiting.Recipient = letter.Email.Length > 0 ? letter.Email : letter.PersonId.ToString(CultureInfo.InvariantCulture);
            waiting.LastError = reason;
            return [waiting];
        }

        return channels.Select(c => letter.Message(c, now)).ToList();
    }

    /// <summary>The address on a channel: the e-mail for mail, the person id for Teams.</summary>
    public static string AddressOn(OutboxChannel channel, long personId, string email) =>
        channel == OutboxChannel.Mail ? email : personId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What to send to one person, before a channel is chosen.</summary>
public sealed record OutgoingLetter(
    long PersonId,
    string Email,
    Func<OutboxChannel, string> DedupKey,
    string Kind,
    string Subject,
    string Text,
    long? RequestId,
    string? RequestNumber,
    string? Html = null,
    string? Card = null)
{
    /// <summary>The message on <paramref name="channel"/>; a message that awaits a channel keeps both the HTML and the card.</summary>
    public OutboxMessage Message(OutboxChannel channel, DateTimeOffset now) => new()
    {
        Channel = channel,
        DedupKey = DedupKey(channel),
        Kind = Kind,
        RecipientId = PersonId,
        Recipient = RecipientChannels.AddressOn(channel, PersonId, Email),
        RequestId = RequestId,
        RequestNumber = RequestNumber,
        Subject = Subject,
        Text = Text,
        Html = Html,
        Payload = Card,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
