using System.Collections.Concurrent;
using SosepBot.Core.Notifications;

namespace SosepBot.Bot.Tests.Jobs;

/// <summary>A channel (reach + sender) standing in for Teams or mail: reaches the people it is told to, records what it sends.</summary>
internal sealed class FakeChannel(OutboxChannel channel) : IRecipientReach, IOutboxSender
{
    public OutboxChannel Channel { get; } = channel;

    public ConcurrentDictionary<long, bool> People { get; } = new();

    public ConcurrentQueue<OutboxMessage> Sent { get; } = new();

    public Task<Reach> ReachAsync(long personId, CancellationToken cancellationToken) => Task.FromResult(People.ContainsKey(personId) ? Reach.Yes : Reach.No("sin canal de prueba"));

    public Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.FromResult(SendResult.Ok());
    }
}
