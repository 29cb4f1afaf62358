namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// Holds the connector's answer to the reply to one activity until <see cref="Let"/>: its turn stays unfinished
/// meanwhile, and the conversation's later activities wait behind it.
/// </summary>
internal sealed class HeldReply
{
    private readonly TaskCompletionSource _posting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _go = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldReply(Fakes.FakeBotConnector connector, string activityId) =>
        connector.Hold = (method, path) => method == "POST" && path.EndsWith("/" + activityId, StringComparison.Ordinal) && _posting.TrySetResult() ? _go.Task : null;

    /// <summary>Completes when the reply reaches the connector (and is held there).</summary>
    public Task Posting => _posting.Task;

    public void Let() => _go.SetResult();
}
