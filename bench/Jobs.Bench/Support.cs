using System.Diagnostics;
using System.Data.Common;
using SosepBot.Bench;
using SosepBot.Core.Notifications;

namespace SosepBot.Jobs.Bench;

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal sealed class EveryoneByMail : IRecipientReach
{
    public OutboxChannel Channel => OutboxChannel.Mail;

    public Task<Reach> ReachAsync(long personId, CancellationToken cancellationToken) => Task.FromResult(Reach.Yes);
}

internal static class Measure
{
    public static async Task<TimeSpan> MedianAsync(int runs, Func<Task> work)
    {
        await work(); // warm-up
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await work();
            times.Add(sw.Elapsed);
        }

        times.Sort();
        return times[runs / 2];
    }
}

internal sealed record FloorCounts(long Opened, long Closed, long Open, long Overdue, long Upcoming, long Late);

/// <summary>The same answers as the digest and the escalation scan's candidate query, in plain SQL (both engines).</summary>
internal static class Floor
{
    /// <summary>Opened and closed per week between the bounds, one COUNT per week.</summary>
    public static async Task<List<(int Opened, int Closed)>> WeeklyAsync(BenchDatabase database, DbConnection c, DateTimeOffset[] bounds)
    {
        var weeks = new List<(int, int)>();
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            var p = new Dictionary<string, object?> { ["@a"] = database.Time(bounds[i]), ["@b"] = database.Time(bounds[i + 1]) };
            var opened = await Sql.ScalarAsync(c, """SELECT COUNT(*) FROM "Requests" WHERE "CreatedAt" >= @a AND "CreatedAt" < @b""", p);
            var closed = await Sql.ScalarAsync(c, """SELECT COUNT(*) FROM "Requests" WHERE "ClosedAt" >= @a AND "ClosedAt" < @b""", p);
            weeks.Add(((int)opened, (int)closed));
        }

        return weeks;
    }

    public static async Task<FloorCounts> DigestAsync(BenchDatabase database, DbConnection c, DateTimeOffset from, DateTimeOffset now, int list, int days)
    {
        var p = new Dictionary<string, object?> { ["@from"] = database.Time(from), ["@to"] = database.Time(now), ["@now"] = database.Time(now), ["@h"] = database.Time(now.AddDays(days)), ["@n"] = list };
        var opened = (await Sql.DrainAsync(c, """SELECT "ProcedureCode", COUNT(*) FROM "Requests" WHERE "CreatedAt" >= @from AND "CreatedAt" < @to GROUP BY "ProcedureCode" """, p, 1)).Sum;
        var closed = (await Sql.DrainAsync(c, """SELECT "ProcedureCode", COUNT(*) FROM "Requests" WHERE "ClosedAt" IS NOT NULL AND "ClosedAt" >= @from AND "ClosedAt" < @to GROUP BY "ProcedureCode" """, p, 1)).Sum;
        var (open, overdue, _) = await Sql.DrainAsync(c, """SELECT "ProcedureCode", COUNT(*), SUM(CASE WHEN "DueAt" IS NOT NULL AND "DueAt" < @now THEN 1 ELSE 0 END) FROM "Requests" WHERE "ClosedAt" IS NULL GROUP BY "ProcedureCode" """, p, 1, 2);
        await Sql.DrainAsync(c, """SELECT r."Number", r."Title", r."ProcedureCode", r."State", p."DisplayName", r."DueAt" FROM "Requests" r LEFT JOIN "People" p ON p."Id" = r."AssigneeId" WHERE r."ClosedAt" IS NULL AND r."DueAt" IS NOT NULL AND r."DueAt" < @now ORDER BY r."DueAt" LIMIT @n""", p);
        await Sql.DrainAsync(c, """SELECT r."Number", r."Title", r."ProcedureCode", r."State", p."DisplayName", r."CreatedAt" FROM "Requests" r LEFT JOIN "People" p ON p."Id" = r."AssigneeId" WHERE r."ClosedAt" IS NULL ORDER BY r."CreatedAt" LIMIT @n""", p);
        await Sql.DrainAsync(c, """SELECT p."DisplayName", w.o, w.d FROM (SELECT "AssigneeId", COUNT(*) AS o, SUM(CASE WHEN "DueAt" IS NOT NULL AND "DueAt" < @now THEN 1 ELSE 0 END) AS d FROM "Requests" WHERE "ClosedAt" IS NULL AND "AssigneeId" IS NOT NULL GROUP BY "AssigneeId") w JOIN "People" p ON p."Id" = w."AssigneeId" """, p);
        var upcoming = await Sql.ScalarAsync(c, """SELECT COUNT(*) FROM "Requests" WHERE "ProcedureCode" = 'DS-UI-03-VISITA' AND "ClosedAt" IS NULL AND "ScheduledFor" IS NOT NULL AND "ScheduledFor" >= @now AND "ScheduledFor" < @h""", p);
        await Sql.DrainAsync(c, """SELECT r."Number", r."Unit", r."ScheduledFor", p."DisplayName", r."State" FROM "Requests" r LEFT JOIN "People" p ON p."Id" = r."AssigneeId" WHERE r."ProcedureCode" = 'DS-UI-03-VISITA' AND r."ClosedAt" IS NULL AND r."ScheduledFor" >= @now AND r."ScheduledFor" < @h ORDER BY r."ScheduledFor" LIMIT @n""", p);
        var late = await Sql.ScalarAsync(c, """SELECT COUNT(*) FROM "Requests" WHERE "ProcedureCode" = 'DS-UI-03-VISITA' AND "ClosedAt" IS NULL AND "State" IN ('Programada', 'Notificada', 'Reprogramada') AND "ScheduledFor" IS NOT NULL AND "ScheduledFor" < @now""", p);
        await Sql.ScalarAsync(c, """SELECT COUNT(*) FROM "OutboxMessages" WHERE "Status" = 'DeadLettered'""", p);
        await Sql.DrainAsync(c, """SELECT "Kind", "RequestNumber", "Channel", "LastError" FROM "OutboxMessages" WHERE "Status" = 'DeadLettered' ORDER BY "Id" DESC LIMIT @n""", p);
        return new FloorCounts(opened, closed, open, overdue, upcoming, late);
    }

    public static async Task<int> EscalationCandidatesAsync(BenchDatabase database, DbConnection c, DateTimeOffset now)
    {
        var p = new Dictionary<string, object?> { ["@now"] = database.Time(now) };
        var rows = (await Sql.DrainAsync(c, """SELECT "Id", "Number", "Title", "ProcedureCode", "State", "AssigneeId", "Unit", "DueAt", "StateEnteredAt" FROM "Requests" WHERE "ClosedAt" IS NULL AND "DueAt" IS NOT NULL AND "DueAt" < @now""", p)).Rows;
        rows += (await Sql.DrainAsync(c, """SELECT "Id", "Number", "Title", "ProcedureCode", "State", "AssigneeId", "Unit", "ScheduledFor" FROM "Requests" WHERE "ProcedureCode" = 'DS-UI-03-VISITA' AND "ClosedAt" IS NULL AND "State" IN ('Programada', 'Notificada', 'Reprogramada') AND "ScheduledFor" IS NOT NULL AND "ScheduledFor" < @now""", p)).Rows;
        rows += (await Sql.DrainAsync(c, """SELECT n."RequestId", n."State", n."Episode", n."Level" FROM "JobNotices" n JOIN "Requests" r ON r."Id" = n."RequestId" WHERE n."Kind" = 'escalamiento' AND r."ClosedAt" IS NULL""", p)).Rows;
        return rows;
    }
}
