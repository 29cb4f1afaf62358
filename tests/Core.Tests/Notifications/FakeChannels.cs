using System.Collections.Concurrent;
using SosepBot.Core.Notifications;

namespace SosepBot.Core.Tests.Notifications;

/// <summary>A channel whose answers the test scripts; records what it was asked to send.</summary>
internal sealed class ScriptedSender(OutboxChannel channel) : IOutboxSender
{
    private readonly ConcurrentQueue<Func<OutboxMessage, SendResult>> _script = new();

    public OutboxChannel Channel { get; } = channel;

    public ConcurrentBag<long> Sent { get; } = [];

    /// <summary>Delay inside each send (to overlap two dispatchers).</summary>
    public TimeSpan Delay { get; set; }

    public void Then(Func<OutboxMessage, SendResult> answer) => _script.Enqueue(answer);

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Sent.Add(message.Id);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        return _script.TryDequeue(out var answer) ? answer(message) : SendResult.Ok($"<{message.Id}@test>");
    }
}

/// <summary>A send that never ends by itself (a transport that hangs), until its token is cancelled.</summary>
internal sealed class HangingSender(OutboxChannel channel) : IOutboxSender
{
    public OutboxChannel Channel { get; } = channel;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Cancelled { get; private set; }

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled = true;
            throw;
        }

        return SendResult.Ok(null);
    }
}

/// <summary>Reaches exactly the people it is told to.</summary>
internal sealed class FixedReach(OutboxChannel channel, params long[] people) : IRecipientReach
{
    public OutboxChannel Channel { get; } = channel;

    public HashSet<long> People { get; } = [.. people];

    public Task<Reach> ReachAsync(long personId, CancellationToken cancellationToken) => Task.FromResult(People.Contains(personId) ? Reach.Yes : Reach.No("sin canal de prueba"));
}
