using System.Collections.Concurrent;
using SosepBot.Core.Notifications;

namespace SosepBot.Jobs.Tests;

/// <summary>Reaches exactly the people it is told to; can hold a call until the test lets it go (a run stopped half way).</summary>
internal sealed class FixedReach(OutboxChannel channel) : IRecipientReach
{
    public OutboxChannel Channel { get; } = channel;

    public ConcurrentDictionary<long, bool> People { get; } = new();

    /// <summary>When set, a call for this person waits until cancelled.</summary>
    public long? BlockOn { get; set; }

    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(params long[] ids)
    {
        foreach (var id in ids)
        {
            People[id] = true;
        }
    }

    public async Task<Reach> ReachAsync(long personId, CancellationToken cancellationToken)
    {
        if (BlockOn == personId)
        {
            Blocked.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return People.ContainsKey(personId) ? Reach.Yes : Reach.No("sin canal de prueba");
    }
}

/// <summary>A channel that records what it sends.</summary>
internal sealed class RecordingSender(OutboxChannel channel) : IOutboxSender
{
    public OutboxChannel Channel { get; } = channel;

    public ConcurrentQueue<OutboxMessage> Sent { get; } = new();

    public Func<OutboxMessage, SendResult>? Answer { get; set; }

    public Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.FromResult(Answer?.Invoke(message) ?? SendResult.Ok($"<{message.Id}@test>"));
    }
}
