using Microsoft.EntityFrameworkCore;

namespace SosepBot.Core.Persistence;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the provider's execution strategy
    /// (SQL Server's retrying strategy does not allow a user transaction outside it).
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
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
