using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace SosepBot.Persistence;

/// <summary>
/// PostgreSQL: the transactions of the contexts, whose savepoints are released by the commit instead of one by one.
/// EF Core wraps every SaveChanges inside a transaction in a savepoint (so that a failed save leaves the transaction
/// usable: the year's first request number relies on it) and releases it afterwards. Npgsql sends a savepoint along with
/// the next statement, but a release is a round trip of its own; an "open a ticket" turn made six of them out of about
/// twenty, and every round trip costs the service a thread-pool hand-off (measured: a domain-only opening spent half its
/// CPU in idle thread-pool workers spinning between round trips). A savepoint not released stays until the end of its
/// transaction, which releases it; a rollback to its name goes to the newest savepoint of that name, as before.
/// </summary>
internal sealed class PostgreSqlTransactionFactory(RelationalTransactionFactoryDependencies dependencies) : RelationalTransactionFactory(dependencies)
{
    public override RelationalTransaction Create(
        IRelationalConnection connection,
        DbTransaction transaction,
        Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger,
        bool transactionOwned) =>
        new PostgreSqlTransaction(connection, transaction, transactionId, logger, transactionOwned, Dependencies.SqlGenerationHelper);

    private sealed class PostgreSqlTransaction(
        IRelationalConnection connection,
        DbTransaction transaction,
        Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger,
        bool transactionOwned,
        ISqlGenerationHelper sqlGenerationHelper)
        : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sqlGenerationHelper)
    {
        /// <summary>Left to the commit (or the rollback) of the transaction.</summary>
        public override void ReleaseSavepoint(string name)
        {
        }

        /// <summary>Left to the commit (or the rollback) of the transaction.</summary>
        public override Task ReleaseSavepointAsync(string name, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
