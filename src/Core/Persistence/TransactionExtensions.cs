using Microsoft.EntityFrameworkCore;

namespace SosepBot.Core.Persistence;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the provider's execution strategy
    /// (SQL Server's retrying strategy does not allow a user transaction outside it). Inside a transaction
    /// already open on the context (a channel wrapping several service calls in one), the work joins it.
    /// </summary>
    public static Task InTransactionAsync(this SosepDbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return db.InTransactionAsync(async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Like <see cref="InTransactionAsync(SosepDbContext, Func{CancellationToken, Task}, CancellationToken)"/>, returning a value.</summary>
    public static Task<T> InTransactionAsync<T>(this SosepDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.CurrentTransaction is not null)
        {
            return work(cancellationToken);
        }

        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
