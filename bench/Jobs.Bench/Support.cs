using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
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

    /// <summary>
    /// The director's figures that the digest includes (DirectorDashboard), in plain SQL: opened and closed per week (one
    /// GROUP BY over a CASE of the week bounds each), the period and the previous one, the backlog by procedure and
    /// state, closures in the 12 weeks per procedure and per technician (and in the period per technician) with their
    /// names, and the ten oldest overdue. Answers the weeks' counts, to check them against the service's.
    /// </summary>
    public static async Task<List<(int Opened, int Closed)>> FiguresAsync(BenchDatabase database, DbConnection c, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, DateTimeOffset[] bounds)
    {
        var p = new Dictionary<string, object?> { ["@from"] = database.Time(from), ["@to"] = database.Time(to), ["@now"] = database.Time(now),
            ["@pfrom"] = database.Time(from - (to - from)), ["@w"] = database.Time(bounds[0]), ["@n"] = 10 };
        for (var i = 0; i < bounds.Length; i++)
        {
            p[string.Create(CultureInfo.InvariantCulture, $"@b{i:D2}")] = database.Time(bounds[i]);
        }

        var weeks = Enumerable.Range(0, bounds.Length - 1).Select(_ => (Opened: 0, Closed: 0)).ToList();
        foreach (var (column, closed) in new[] { ("CreatedAt", false), ("ClosedAt", true) })
        {
            var cases = string.Concat(Enumerable.Range(1, bounds.Length - 2).Select(i => string.Create(CultureInfo.InvariantCulture, $" WHEN \"{column}\" < @b{i:D2} THEN {i - 1}")));
            foreach (var line in await Sql.LinesAsync(c, string.Create(CultureInfo.InvariantCulture,
                $"""SELECT CASE{cases} ELSE {bounds.Length - 2} END AS w, COUNT(*) FROM "Requests" WHERE "{column}" >= @b00 AND "{column}" < @b{bounds.Length - 1:D2} GROUP BY 1 """), p))
            {
                var parts = line.Split('|');
                var (week, count) = (int.Parse(parts[0].Trim(), CultureInfo.InvariantCulture), int.Parse(parts[1].Trim(), CultureInfo.InvariantCulture));
                weeks[week] = closed ? (weeks[week].Opened, count) : (count, weeks[week].Closed);
            }
        }

        foreach (var (a, b) in new[] { ("@from", "@to"), ("@pfrom", "@from") })
        {
            await Sql.ScalarAsync(c, $"""SELECT COUNT(*) FROM "Requests" WHERE "CreatedAt" >= {a} AND "CreatedAt" < {b}""", p);
            await Sql.ScalarAsync(c, $"""SELECT COUNT(*) FROM "Requests" WHERE "ClosedAt" >= {a} AND "ClosedAt" < {b}""", p);
        }

        await Sql.DrainAsync(c, """SELECT "ProcedureCode", "State", COUNT(*), SUM(CASE WHEN "DueAt" < @now THEN 1 ELSE 0 END) FROM "Requests" WHERE "ClosedAt" IS NULL GROUP BY "ProcedureCode", "State" """, p, 2);
        const string Closure = """COUNT(*), SUM(CASE WHEN "LimitExceeded" THEN 0 ELSE 1 END), COUNT("ResolutionBusinessSeconds"), SUM("ResolutionBusinessSeconds")""";
        await Sql.DrainAsync(c, $"""SELECT "ProcedureCode", {Closure} FROM "Requests" WHERE "ClosedAt" >= @w AND "ClosedAt" < @to GROUP BY "ProcedureCode" """, p, 1);
        foreach (var start in new[] { "@w", "@from" })
        {
            await Sql.DrainAsync(c, $"""SELECT t.a, p."DisplayName", t.n FROM (SELECT "AssigneeId" AS a, {Closure.Replace("COUNT(*)", "COUNT(*) AS n", StringComparison.Ordinal)} FROM "Requests" WHERE "ClosedAt" >= {start} AND "ClosedAt" < @to GROUP BY "AssigneeId") t LEFT JOIN "People" p ON p."Id" = t.a""", p, 2);
        }

        await Sql.DrainAsync(c, """SELECT r."Number", r."Title", r."ProcedureCode", r."State", p."DisplayName", r."DueAt" FROM "Requests" r LEFT JOIN "People" p ON p."Id" = r."AssigneeId" WHERE r."ClosedAt" IS NULL AND r."DueAt" < @now ORDER BY r."DueAt", r."Id" LIMIT @n""", p);
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
