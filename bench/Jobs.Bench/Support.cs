using System.Diagnostics;
using System.Globalization;
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

internal sealed record SeedStats(int Open, int Overdue, int LateVisits);

internal sealed record FloorCounts(long Opened, long Closed, long Open, long Overdue, long Upcoming, long Late);

/// <summary>
/// Rows written straight with SQL (100,000 through the request service would take minutes), in multi-row INSERTs
/// that both engines take. <see cref="SeedAsync"/> may be called again to grow the same database.
/// </summary>
/// <param name="database">Where the rows go.</param>
/// <param name="now">The benchmark's clock: requests are spread over the two years before it.</param>
/// <param name="requesters">How many people (besides the 23 IT staff) open requests.</param>
/// <param name="catalog">The procedures, for each one's real initial and final states.</param>
/// <param name="openBacklog">
/// Null: 5% of the requests and every one of the last three days stay open (the digest's mix); a number: about that many
/// requests (visits aside) are open in all, however often the database is grown: it grows by its closed history.
/// </param>
internal sealed class Seeder(BenchDatabase database, DateTimeOffset now, int requesters, SosepBot.Core.Procedures.ProcedureCatalog catalog, int? openBacklog = null)
{
    private const int RowsPerStatement = 200;
    private static readonly string[] Codes = ["DS-UI-04", "DS-UI-04", "DS-UI-04", "DS-UI-06", "DS-UI-05", "DS-UI-07", "DS-UI-08", "SIGES-SICOIN", "DS-UI-02", "DS-UI-01"];
    private readonly Random _random = new(42);
    private readonly List<long> _calendars = [];
    private int _n;
    private int _open;
    private int _overdue;
    private int _late;
    private int _openRequests;

    public const int Staff = 23;

    public async Task<SeedStats> SeedAsync(int requests, int visits)
    {
        await using var c = database.Connect();
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        if (_n == 0)
        {
            await PeopleAsync(c, tx);
        }

        var rows = new List<object?[]>();
        var start = now.AddDays(-730);
        var plain = _n == 0 ? requests - 10 : requests;
        if (_n == 0)
        {
            for (var i = 0; i < 10; i++)
            {
                rows.Add(Row("DS-UI-03", "En ejecución", start.AddDays(i * 70), null, null, null, null, "SOSEP", null));
                _calendars.Add(_n);
            }
        }

        for (var i = 0; i < plain; i++)
        {
            var cr = start + TimeSpan.FromMinutes(_random.Next((int)(now - start).TotalMinutes));
            var isOpen = openBacklog is { } backlog ? _random.NextDouble() < (double)Math.Max(0, backlog - _openRequests) / (plain - i) : _random.NextDouble() < 0.05 || cr > now.AddDays(-3);
            _openRequests += isOpen ? 1 : 0;
            long? asg = _random.NextDouble() < 0.85 ? _random.Next(1, 21) : null;
            DateTimeOffset? du = isOpen ? cr + TimeSpan.FromHours(_random.Next(4, 24 * 40)) : null;
            _open += isOpen ? 1 : 0;
            _overdue += isOpen && du < now ? 1 : 0;
            var definition = catalog.Get(Codes[_random.Next(Codes.Length)]);
            rows.Add(Row(definition.Code, isOpen ? definition.InitialState : definition.States.First(st => st.IsFinal).Name, cr, asg, null, du,
                isOpen ? null : cr + TimeSpan.FromHours(_random.Next(1, 24 * 20)) is var cl && cl < now ? cl : now.AddMinutes(-1), null, null));
            await FlushAsync(c, tx, rows, false);
        }

        for (var i = 0; i < visits; i++)
        {
            var sc = now + TimeSpan.FromHours(_random.Next(-24 * 300, 24 * 60));
            var isOpen = sc > now.AddDays(-10) || _random.NextDouble() < 0.01;
            _late += isOpen && sc < now ? 1 : 0;
            _open += isOpen ? 1 : 0;
            rows.Add(Row("DS-UI-03-VISITA", isOpen ? "Notificada" : "Archivada", sc.AddDays(-30), _random.Next(1, 21), _calendars[_random.Next(_calendars.Count)],
                null, isOpen ? null : sc.AddDays(1) < now ? sc.AddDays(1) : now.AddMinutes(-1), string.Create(CultureInfo.InvariantCulture, $"Unidad {_random.Next(1, 120)}"), sc));
            await FlushAsync(c, tx, rows, false);
        }

        await FlushAsync(c, tx, rows, true);
        await tx.CommitAsync();
        await using (var analyze = Sql.Command(c, "ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return new SeedStats(_open, _overdue, _late);
    }

    /// <summary>The e-mail of requester <paramref name="i"/> (0-based) of the seeded people.</summary>
    public static string RequesterEmail(int i) => string.Create(CultureInfo.InvariantCulture, $"persona{Staff + 1 + i}@sosep.gob.gt");

    private object?[] Row(string code, string state, DateTimeOffset created, long? assignee, long? parent, DateTimeOffset? due, DateTimeOffset? closed, string? unit, DateTimeOffset? scheduled)
    {
        _n++;
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"UI-{2000 + (_n / 50_000)}-{(_n % 50_000) + 1:D5}"), code, state,
            string.Create(CultureInfo.InvariantCulture, $"Solicitud de prueba {_n}"), (long)(Staff + 1 + (_n % requesters)), assignee, parent,
            database.Time(created), database.Time(due), database.Time(closed), unit, database.Time(scheduled), false,
            // Closed ones carry a business resolution time (about a third of the calendar time) and miss a limit one time in five.
            closed is { } end ? (long)((end - created).TotalSeconds / 3) : null, closed is not null && _n % 5 == 0,
        ];
    }

    private async Task FlushAsync(DbConnection c, DbTransaction tx, List<object?[]> rows, bool all)
    {
        if (rows.Count == 0 || (!all && rows.Count < RowsPerStatement))
        {
            return;
        }

        var values = new System.Text.StringBuilder();
        var parameters = new Dictionary<string, object?>();
        for (var r = 0; r < rows.Count; r++)
        {
            var v = rows[r];
            values.Append(r == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"(@a{r}, @b{r}, @c{r}, @d{r}, @e{r}, @f{r}, @g{r}, 'Api', 'Media', @h{r}, @h{r}, @h{r}, @i{r}, @j{r}, @k{r}, @l{r}, @m{r}, @m{r}, {database.EmptyList}, 1, @n{r}, @o{r})");
            for (var k = 0; k < v.Length; k++)
            {
                parameters[string.Create(CultureInfo.InvariantCulture, $"@{(char)('a' + k)}{r}")] = v[k];
            }
        }

        // Parameter names are matched by substring: @a1 must not be taken for @a10, so the longest go first.
        await using var insert = Command(c, tx, $"""
            INSERT INTO "Requests" ("Number", "ProcedureCode", "State", "Title", "RequesterId", "AssigneeId", "ParentId", "OpenedVia", "Priority",
                "CreatedAt", "UpdatedAt", "StateEnteredAt", "DueAt", "ClosedAt", "Unit", "ScheduledFor", "FormSicoinAccount", "FormSigesAccount", "Approvals", "Version",
                "ResolutionBusinessSeconds", "LimitExceeded")
            VALUES {values}
            """, parameters);
        await insert.ExecuteNonQueryAsync();
        rows.Clear();
    }

    private async Task PeopleAsync(DbConnection c, DbTransaction tx)
    {
        for (var i = 1; i <= Staff + requesters; i++)
        {
            await using var people = Command(c, tx, """INSERT INTO "People" ("DisplayName", "Email", "IsDepartmentalSite", "IsActive", "CreatedAt") VALUES (@n, @e, @f, @t, @c)""",
                new() { ["@n"] = $"Persona {i}", ["@e"] = string.Create(CultureInfo.InvariantCulture, $"persona{i}@sosep.gob.gt"), ["@f"] = false, ["@t"] = true, ["@c"] = database.Time(now) });
            await people.ExecuteNonQueryAsync();
        }

        foreach (var (person, role) in Enumerable.Range(1, 20).Select(i => ((long)i, "Technician"))
                     .Append((21L, "InfraHead")).Append((22L, "DevHead")).Append((23L, "ItDirector")))
        {
            await using var roles = Command(c, tx, """INSERT INTO "PersonRoles" ("PersonId", "Role") VALUES (@p, @r)""", new() { ["@p"] = person, ["@r"] = role });
            await roles.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < 2000; i++)
        {
            await using var dead = Command(c, tx, """
                INSERT INTO "OutboxMessages" ("Channel", "DedupKey", "Kind", "Recipient", "Subject", "Text", "Status", "Attempts", "CreatedAt", "NextAttemptAt", "LastError", "Version")
                VALUES ('Mail', @k, 'estado', 'x@sosep.gob.gt', 'x', 'x', @s, 8, @t, @t, '550 buzón inexistente', 1)
                """, new() { ["@k"] = $"seed:{i}", ["@s"] = i % 50 == 0 ? "DeadLettered" : "Delivered", ["@t"] = database.Time(now) });
            await dead.ExecuteNonQueryAsync();
        }
    }

    private static DbCommand Command(DbConnection c, DbTransaction tx, string sql, Dictionary<string, object?> p)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (k, v) in p)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = k;
            parameter.Value = v ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}

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
