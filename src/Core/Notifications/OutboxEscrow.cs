using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SosepBot.Core.Persistence;

namespace SosepBot.Core.Notifications;

/// <summary>
/// An outbox message written with what caused it but due later, which its producer tries to deliver itself first (a
/// Teams turn's reply, posted right after the turn commits): if the producer dies before, the
/// <see cref="OutboxDispatcher"/> delivers it when it falls due. The producer then settles it: delivered
/// (<see cref="MarkDeliveredAsync"/>), or due at once with what it finally holds (<see cref="DueNowAsync"/>) when the
/// producer could not deliver it. Neither touches a message the dispatcher took meanwhile (leased or already settled):
/// only a producer slower than the delay it gave.
/// </summary>
public static class OutboxEscrow
{
    // Runs for every reply of every write turn: plain SQL built from the model once, no LINQ to translate per call.
    private static readonly ModelStatements<OutboxMessage, Statement> Delivered = new(m =>
    {
        string C(string property) => m.Column(property);
        return new Statement(
            $"UPDATE {m.Table} SET {C(nameof(OutboxMessage.Status))} = {{2}}, {C(nameof(OutboxMessage.DeliveredAt))} = {{1}}, "
            + $"{C(nameof(OutboxMessage.LastAttemptAt))} = {{1}}, {C(nameof(OutboxMessage.Attempts))} = 1, {C(nameof(OutboxMessage.Version))} = {C(nameof(OutboxMessage.Version))} + 1 "
            + $"WHERE {C(nameof(OutboxMessage.Id))} = {{0}} AND {C(nameof(OutboxMessage.Status))} = {{3}} AND {C(nameof(OutboxMessage.LeaseUntil))} IS NULL",
            m.Converter(nameof(OutboxMessage.DeliveredAt)));
    });

    /// <summary>The producer delivered the message itself.</summary>
    public static Task<int> MarkDeliveredAsync(SosepDbContext db, long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (sql, instant) = Delivered.For(db);
        return db.Database.ExecuteSqlRawAsync(sql, [id, instant?.ConvertToProvider(at) ?? at, nameof(OutboxStatus.Delivered), nameof(OutboxStatus.Pending)], cancellationToken);
    }

    /// <summary>The producer could not deliver it: due now, with what it finally holds (seldom: plain LINQ).</summary>
    public static Task<int> DueNowAsync(
        SosepDbContext db, long id, string subject, string text, string? payload, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.LeaseUntil == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Subject, subject).SetProperty(m => m.Text, text)
                .SetProperty(m => m.Payload, payload).SetProperty(m => m.NextAttemptAt, at).SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
    }

    private sealed record Statement(string Sql, ValueConverter? Instant);
}
