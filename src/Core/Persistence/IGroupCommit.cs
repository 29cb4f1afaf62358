namespace SosepBot.Core.Persistence;

/// <summary>
/// Small, frequent writes (a channel's bookkeeping: an activity received, a reply posted, a turn's action) committed
/// the provider's cheapest way. On an engine with one writer at a time (SQLite) those that arrive together share one
/// transaction and one commit (group commit); on the server engines each is its own transaction. The persistence
/// project provides it; callers never know which.
/// </summary>
public interface IGroupCommit
{
    /// <summary>Runs <paramref name="work"/> (which writes on its own) while no group is being written.</summary>
    Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on a context of its own inside a transaction (possibly shared with other writes)
    /// and returns its result once that transaction committed. The work only writes through that context and does not
    /// call this service. Its exception, if any, comes back here with its writes undone.
    /// </summary>
    Task<T> CommitAsync<T>(Func<SosepDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Like <see cref="CommitAsync"/> on <paramref name="own"/> (the caller's scope's context): its writes and those sharing the transaction commit together.</summary>
    Task<T> CommitOnAsync<T>(SosepDbContext own, Func<SosepDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>A write whose loss in a crash does no harm: written with the next commit, or soon on its own. Returns at once; a failure is logged.</summary>
    Task Defer(Func<SosepDbContext, CancellationToken, Task> work);

    /// <summary>Writes whatever is queued now (at stop).</summary>
    Task FlushAsync();
}
