using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>
/// What the bulk writers (<see cref="BulkInsert"/>, <see cref="PostgreSqlBulkInsert"/>) share with SaveChanges: one
/// <see cref="SosepDbContext.InsertAsync{T}"/> is all or none. Inside the caller's transaction its rows are written
/// under a savepoint (when it takes several statements, or on an engine where a refused statement ends the
/// transaction), so that a refused row (a unique key) undoes the call's other rows and leaves the transaction usable;
/// outside one, a transaction of its own when the write takes several statements. A refusal is reported as SaveChanges
/// reports it (<see cref="DbUpdateException"/>), so callers need not know the path.
/// </summary>
internal static class InsertUnit
{
    private const string Savepoint = "sosep_insert";

    /// <summary>Writes <paramref name="rows"/> (none: nothing) with <paramref name="write"/>, given their plan, on the context's open connection.</summary>
    /// <param name="db">The context.</param>
    /// <param name="rows">The new rows, of one mapped entity type.</param>
    /// <param name="write">The rows' statements, given the type's plan.</param>
    /// <param name="refused">Whether an exception is the engine's refusal of a row (an integrity constraint).</param>
    /// <param name="severalStatements">Whether <paramref name="write"/> takes more than one statement (one alone is atomic by itself).</param>
    /// <param name="failedStatementEndsTransaction">
    /// Whether a statement the engine refuses makes the transaction unusable (PostgreSQL), so that even one statement needs
    /// a savepoint; SQLite undoes the refused statement alone and goes on, so one statement needs none there.
    /// </param>
    /// <param name="cancellationToken">Stops the write (the rows are then undone with the transaction).</param>
    public static async Task RunAsync<T>(
        SosepDbContext db, IReadOnlyList<T> rows, Func<InsertPlan, Task> write, Func<Exception, bool> refused, bool severalStatements,
        bool failedStatementEndsTransaction, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var plan = InsertPlan.Of(db, typeof(T));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var outer = db.Database.CurrentTransaction;
            var savepoint = outer is not null && (severalStatements || failedStatementEndsTransaction) ? outer : null;
            if (savepoint is not null)
            {
                await savepoint.CreateSavepointAsync(Savepoint, cancellationToken);
            }

            try
            {
                if (outer is null && severalStatements)
                {
                    await db.InTransactionAsync(_ => write(plan), cancellationToken);
                }
                else
                {
                    await write(plan);
                }

                if (savepoint is not null)
                {
                    // Not kept to the commit: SQLite keeps every change after a savepoint in its sub-journal while it is
                    // open, and the next call's savepoint of the same name would nest inside this one. (PostgreSQL's
                    // transactions leave their releases to the commit, PostgreSqlSavepoints.)
                    await savepoint.ReleaseSavepointAsync(Savepoint, cancellationToken);
                }
            }
            catch (Exception e) when (refused(e))
            {
                if (savepoint is not null)
                {
                    await savepoint.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                }

                throw new DbUpdateException($"An insert violated a constraint: {e.Message}", e);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
