using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
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

internal sealed record SeedStats(int Open, int Overdue, int LateVisits);

internal sealed record FloorCounts(int Opened, int Closed, int Open, int Overdue, int Upcoming, int Late);

/// <summary>Rows written straight with SQL (100,000 through the request service would take minutes).</summary>
internal static class Seeder
{
    private static readonly string[] Codes = ["DS-UI-04", "DS-UI-04", "DS-UI-04", "DS-UI-06", "DS-UI-05", "DS-UI-07", "DS-UI-08", "SIGES-SICOIN", "DS-UI-02", "DS-UI-01"];

    public static async Task<SeedStats> SeedAsync(string connectionString, DateTimeOffset now, int requests, int visits)
    {
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync();
        var people = c.CreateCommand();
        people.CommandText = "INSERT INTO People (DisplayName, Email, IsDepartmentalSite, IsActive, CreatedAt) VALUES ($n, $e, 0, 1, $t)";
        var pn = people.Parameters.Add("$n", SqliteType.Text);
        var pe = people.Parameters.Add("$e", SqliteType.Text);
        people.Parameters.AddWithValue("$t", now.UtcTicks);
        for (var i = 1; i <= 300; i++)
        {
            pn.Value = string.Create(CultureInfo.InvariantCulture, $"Persona {i}");
            pe.Value = string.Create(CultureInfo.InvariantCulture, $"persona{i}@sosep.gob.gt");
            await people.ExecuteNonQueryAsync();
        }

        var roles = c.CreateCommand();
        roles.CommandText = "INSERT INTO PersonRoles (PersonId, Role) VALUES ($p, $r)";
        var rp = roles.Parameters.Add("$p", SqliteType.Integer);
        var rr = roles.Parameters.Add("$r", SqliteType.Text);
        foreach (var (person, role) in Enumerable.Range(1, 20).Select(i => ((long)i, "Technician"))
                     .Append((21L, "InfraHead")).Append((22L, "DevHead")).Append((23L, "ItDirector")))
        {
            rp.Value = person;
            rr.Value = role;
            await roles.ExecuteNonQueryAsync();
        }

        var insert = c.CreateCommand();
        insert.CommandText = """
            INSERT INTO Requests (Number, ProcedureCode, State, Title, RequesterId, AssigneeId, ParentId, OpenedVia, Priority,
                CreatedAt, UpdatedAt, StateEnteredAt, DueAt, ClosedAt, Unit, ScheduledFor, FormSicoinAccount, FormSigesAccount, Approvals, Version,
                ResolutionBusinessSeconds, LimitExceeded)
            VALUES ($number, $code, $state, $title, $requester, $assignee, $parent, 'Api', 'Media',
                $created, $created, $entered, $due, $closed, $unit, $scheduled, 0, 0, '[]', 1, $resolution, $exceeded)
            """;
        var number = insert.Parameters.Add("$number", SqliteType.Text);
        var code = insert.Parameters.Add("$code", SqliteType.Text);
        var state = insert.Parameters.Add("$state", SqliteType.Text);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var requester = insert.Parameters.Add("$requester", SqliteType.Integer);
        var assignee = insert.Parameters.Add("$assignee", SqliteType.Integer);
        var parent = insert.Parameters.Add("$parent", SqliteType.Integer);
        var created = insert.Parameters.Add("$created", SqliteType.Integer);
        var entered = insert.Parameters.Add("$entered", SqliteType.Integer);
        var due = insert.Parameters.Add("$due", SqliteType.Integer);
        var closed = insert.Parameters.Add("$closed", SqliteType.Integer);
        var unit = insert.Parameters.Add("$unit", SqliteType.Text);
        var scheduled = insert.Parameters.Add("$scheduled", SqliteType.Integer);
        var resolution = insert.Parameters.Add("$resolution", SqliteType.Integer);
        var exceeded = insert.Parameters.Add("$exceeded", SqliteType.Integer);
        var random = new Random(42);
        var start = now.AddDays(-730);
        int open = 0, overdue = 0, late = 0, n = 0;

        async Task AddAsync(string c0, string s0, DateTimeOffset cr, long? asg, long? par, DateTimeOffset? du, DateTimeOffset? cl, string? un, DateTimeOffset? sc)
        {
            n++;
            number.Value = string.Create(CultureInfo.InvariantCulture, $"UI-{2024 + (n / 50_000)}-{n:D6}");
            code.Value = c0;
            state.Value = s0;
            title.Value = string.Create(CultureInfo.InvariantCulture, $"Solicitud de prueba {n}");
            requester.Value = 24 + (n % 270);
            assignee.Value = (object?)asg ?? DBNull.Value;
            parent.Value = (object?)par ?? DBNull.Value;
            created.Value = cr.UtcTicks;
            entered.Value = cr.UtcTicks;
            due.Value = (object?)du?.UtcTicks ?? DBNull.Value;
            closed.Value = (object?)cl?.UtcTicks ?? DBNull.Value;
            unit.Value = (object?)un ?? DBNull.Value;
            scheduled.Value = (object?)sc?.UtcTicks ?? DBNull.Value;
            // Closed ones carry a business resolution time (about a third of the calendar time) and miss a limit one time in five.
            resolution.Value = cl is { } end ? (object)(long)((end - cr).TotalSeconds / 3) : DBNull.Value;
            exceeded.Value = cl is not null && n % 5 == 0 ? 1 : 0;
            await insert.ExecuteNonQueryAsync();
        }

        var calendars = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            await AddAsync("DS-UI-03", "En ejecución", start.AddDays(i * 70), null, null, null, null, "SOSEP", null);
            calendars.Add(n);
        }

        for (var i = 0; i < requests - 10; i++)
        {
            var cr = start + TimeSpan.FromMinutes(random.Next((int)(now - start).TotalMinutes));
            var isOpen = random.NextDouble() < 0.05 || cr > now.AddDays(-3);
            long? asg = random.NextDouble() < 0.85 ? random.Next(1, 21) : null;
            DateTimeOffset? du = isOpen ? cr + TimeSpan.FromHours(random.Next(4, 24 * 40)) : null;
            open += isOpen ? 1 : 0;
            overdue += isOpen && du < now ? 1 : 0;
            await AddAsync(Codes[random.Next(Codes.Length)], isOpen ? "En atención" : "Cerrado", cr, asg, null, du,
                isOpen ? null : cr + TimeSpan.FromHours(random.Next(1, 24 * 20)) is var cl && cl < now ? cl : now.AddMinutes(-1), null, null);
        }

        for (var i = 0; i < visits; i++)
        {
            var sc = now + TimeSpan.FromHours(random.Next(-24 * 300, 24 * 60));
            var isOpen = sc > now.AddDays(-10) || random.NextDouble() < 0.01;
            late += isOpen && sc < now ? 1 : 0;
            open += isOpen ? 1 : 0;
            await AddAsync("DS-UI-03-VISITA", isOpen ? "Notificada" : "Archivada", sc.AddDays(-30), random.Next(1, 21), calendars[random.Next(calendars.Count)],
                null, isOpen ? null : sc.AddDays(1) < now ? sc.AddDays(1) : now.AddMinutes(-1), string.Create(CultureInfo.InvariantCulture, $"Unidad {random.Next(1, 120)}"), sc);
        }

        var dead = c.CreateCommand();
        dead.CommandText = """
            INSERT INTO OutboxMessages (Channel, DedupKey, Kind, Recipient, Subject, Text, Status, Attempts, CreatedAt, NextAttemptAt, LastError, Version)
            VALUES ('Mail', $k, 'estado', 'x@sosep.gob.gt', 'x', 'x', $s, 8, $t, $t, '550 buzón inexistente', 1)
            """;
        var dk = dead.Parameters.Add("$k", SqliteType.Text);
        var ds = dead.Parameters.Add("$s", SqliteType.Text);
        dead.Parameters.AddWithValue("$t", now.UtcTicks);
        for (var i = 0; i < 2000; i++)
        {
            dk.Value = string.Create(CultureInfo.InvariantCulture, $"seed:{i}");
            ds.Value = i % 50 == 0 ? "DeadLettered" : "Delivered";
            await dead.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
        var analyze = c.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
        return new SeedStats(open, overdue, late);
    }
}

/// <summary>The same answers as the digest and the escalation scan's candidate query, in plain SQL.</summary>
internal static class Floor
{
    /// <summary>Opened and closed per week between the bounds, one COUNT per week (UTC ticks as stored on SQLite).</summary>
    public static async Task<List<(int Opened, int Closed)>> WeeklyAsync(SqliteConnection c, DateTimeOffset[] bounds)
    {
        var weeks = new List<(int, int)>();
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT (SELECT COUNT(*) FROM Requests WHERE CreatedAt >= $a AND CreatedAt < $b), (SELECT COUNT(*) FROM Requests WHERE ClosedAt >= $a AND ClosedAt < $b)";
            cmd.Parameters.AddWithValue("$a", bounds[i].UtcTicks);
            cmd.Parameters.AddWithValue("$b", bounds[i + 1].UtcTicks);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            weeks.Add((r.GetInt32(0), r.GetInt32(1)));
        }

        return weeks;
    }

    public static async Task<FloorCounts> DigestAsync(SqliteConnection c, DateTimeOffset from, DateTimeOffset now, int list, int days)
    {
        var p = new Dictionary<string, object> { ["$from"] = from.UtcTicks, ["$to"] = now.UtcTicks, ["$now"] = now.UtcTicks, ["$h"] = now.AddDays(days).UtcTicks, ["$n"] = list };
        var opened = await SumAsync(c, "SELECT ProcedureCode, COUNT(*) FROM Requests WHERE CreatedAt >= $from AND CreatedAt < $to GROUP BY ProcedureCode", p);
        var closed = await SumAsync(c, "SELECT ProcedureCode, COUNT(*) FROM Requests WHERE ClosedAt IS NOT NULL AND ClosedAt >= $from AND ClosedAt < $to GROUP BY ProcedureCode", p);
        var (open, overdue) = await TwoSumsAsync(c, "SELECT ProcedureCode, COUNT(*), SUM(CASE WHEN DueAt IS NOT NULL AND DueAt < $now THEN 1 ELSE 0 END) FROM Requests WHERE ClosedAt IS NULL GROUP BY ProcedureCode", p);
        await DrainAsync(c, "SELECT r.Number, r.Title, r.ProcedureCode, r.State, p.DisplayName, r.DueAt FROM Requests r LEFT JOIN People p ON p.Id = r.AssigneeId WHERE r.ClosedAt IS NULL AND r.DueAt IS NOT NULL AND r.DueAt < $now ORDER BY r.DueAt LIMIT $n", p);
        await DrainAsync(c, "SELECT r.Number, r.Title, r.ProcedureCode, r.State, p.DisplayName, r.CreatedAt FROM Requests r LEFT JOIN People p ON p.Id = r.AssigneeId WHERE r.ClosedAt IS NULL ORDER BY r.CreatedAt LIMIT $n", p);
        await DrainAsync(c, "SELECT p.DisplayName, w.Open, w.Overdue FROM (SELECT AssigneeId, COUNT(*) AS Open, SUM(CASE WHEN DueAt IS NOT NULL AND DueAt < $now THEN 1 ELSE 0 END) AS Overdue FROM Requests WHERE ClosedAt IS NULL AND AssigneeId IS NOT NULL GROUP BY AssigneeId) w JOIN People p ON p.Id = w.AssigneeId", p);
        var upcoming = await ScalarAsync(c, "SELECT COUNT(*) FROM Requests WHERE ProcedureCode = 'DS-UI-03-VISITA' AND ClosedAt IS NULL AND ScheduledFor IS NOT NULL AND ScheduledFor >= $now AND ScheduledFor < $h", p);
        await DrainAsync(c, "SELECT r.Number, r.Unit, r.ScheduledFor, p.DisplayName, r.State FROM Requests r LEFT JOIN People p ON p.Id = r.AssigneeId WHERE r.ProcedureCode = 'DS-UI-03-VISITA' AND r.ClosedAt IS NULL AND r.ScheduledFor >= $now AND r.ScheduledFor < $h ORDER BY r.ScheduledFor LIMIT $n", p);
        var late = await ScalarAsync(c, "SELECT COUNT(*) FROM Requests WHERE ProcedureCode = 'DS-UI-03-VISITA' AND ClosedAt IS NULL AND State IN ('Programada', 'Notificada', 'Reprogramada') AND ScheduledFor IS NOT NULL AND ScheduledFor < $now", p);
        await ScalarAsync(c, "SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'DeadLettered'", p);
        await DrainAsync(c, "SELECT Kind, RequestNumber, Channel, LastError FROM OutboxMessages WHERE Status = 'DeadLettered' ORDER BY Id DESC LIMIT $n", p);
        return new FloorCounts(opened, closed, open, overdue, upcoming, late);
    }

    public static async Task<int> EscalationCandidatesAsync(SqliteConnection c, DateTimeOffset now)
    {
        var p = new Dictionary<string, object> { ["$now"] = now.UtcTicks };
        var rows = await DrainAsync(c, "SELECT Id, Number, Title, ProcedureCode, State, AssigneeId, Unit, DueAt, StateEnteredAt FROM Requests WHERE ClosedAt IS NULL AND DueAt IS NOT NULL AND DueAt < $now", p);
        rows += await DrainAsync(c, "SELECT Id, Number, Title, ProcedureCode, State, AssigneeId, Unit, ScheduledFor FROM Requests WHERE ProcedureCode = 'DS-UI-03-VISITA' AND ClosedAt IS NULL AND State IN ('Programada', 'Notificada', 'Reprogramada') AND ScheduledFor IS NOT NULL AND ScheduledFor < $now", p);
        rows += await DrainAsync(c, "SELECT n.RequestId, n.State, n.Episode, n.Level FROM JobNotices n JOIN Requests r ON r.Id = n.RequestId WHERE n.Kind = 'escalamiento' AND r.ClosedAt IS NULL", p);
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, Dictionary<string, object> p)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        foreach (var (k, v) in p.Where(x => sql.Contains(x.Key, StringComparison.Ordinal)))
        {
            command.Parameters.AddWithValue(k, v);
        }

        return command;
    }

    private static async Task<int> ScalarAsync(SqliteConnection c, string sql, Dictionary<string, object> p)
    {
        await using var command = Command(c, sql, p);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<int> SumAsync(SqliteConnection c, string sql, Dictionary<string, object> p)
    {
        await using var command = Command(c, sql, p);
        await using var reader = await command.ExecuteReaderAsync();
        var sum = 0;
        while (await reader.ReadAsync())
        {
            sum += reader.GetInt32(1);
        }

        return sum;
    }

    private static async Task<(int, int)> TwoSumsAsync(SqliteConnection c, string sql, Dictionary<string, object> p)
    {
        await using var command = Command(c, sql, p);
        await using var reader = await command.ExecuteReaderAsync();
        int a = 0, b = 0;
        while (await reader.ReadAsync())
        {
            a += reader.GetInt32(1);
            b += reader.GetInt32(2);
        }

        return (a, b);
    }

    private static async Task<int> DrainAsync(SqliteConnection c, string sql, Dictionary<string, object> p)
    {
        await using var command = Command(c, sql, p);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }
}
