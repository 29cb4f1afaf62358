using System.Data.Common;
using System.Globalization;

namespace SosepBot.Bench;

internal sealed record SeedStats(int Open, int Overdue, int LateVisits);

/// <summary>
/// Rows written straight with SQL (100,000 through the request service would take minutes), in multi-row INSERTs
/// that both engines take. <see cref="SeedAsync"/> may be called again to grow the same database.
/// </summary>
/// <param name="database">Where the rows go.</param>
/// <param name="now">The benchmark's clock: requests are spread over the two years before it (see <c>perDay</c>).</param>
/// <param name="requesters">How many people (besides the 23 IT staff) open requests.</param>
/// <param name="catalog">The procedures, for each one's real initial and final states.</param>
/// <param name="openBacklog">
/// Null: 5% of the requests and every one of the last three days stay open (the digest's mix); a number: about that many
/// requests (visits aside) are open in all, however often the database is grown: it grows by its closed history.
/// </param>
/// <param name="perDay">
/// Null: every call spreads its requests over the two years before <c>now</c>, so growing the database makes every
/// week denser. A rate: each call's requests are opened at that rate per day over the days before the history written
/// so far, so growing adds older history and the recent weeks keep the same density (as a service that runs for years).
/// </param>
/// <param name="texts">
/// False: every title is «Solicitud de prueba N» without a description. True: titles and descriptions as people write
/// them (<see cref="Titles"/>, one in a thousand about a wireless keyboard) and a comment on one request in four, so
/// that the word search has something to find, and then the word index of every request seeded, by the service's one-time
/// step (<see cref="SosepBot.Persistence.SearchIndexBackfill"/>).
/// </param>
internal sealed class Seeder(BenchDatabase database, DateTimeOffset now, int requesters, SosepBot.Core.Procedures.ProcedureCatalog catalog, int? openBacklog = null, bool texts = false, double? perDay = null)
{
    /// <summary>With <c>perDay</c>: where the history written so far begins (each call writes older history before it).</summary>
    private DateTimeOffset? _historyStart;

    /// <summary>What the titles say when <c>texts</c> is on; «impresora» is in about one in six.</summary>
    public static readonly IReadOnlyList<string> Titles =
    [
        "La impresora de la oficina no imprime", "Sin acceso al correo institucional", "Instalar Office en la computadora nueva",
        "Cambio de contraseña de SICOIN", "El proyector del salón no enciende", "Usuario nuevo para SIGES", "La red está lenta en la unidad",
        "Revisión del equipo de cómputo", "Mantenimiento de la impresora láser", "Configurar el escáner de la recepción",
        "La computadora se reinicia sola", "Actualizar el antivirus del equipo",
    ];

    /// <summary>The title of one request in a thousand when <c>texts</c> is on: a rare word for the search.</summary>
    public const string RareTitle = "El teclado inalámbrico no responde";

    private static readonly string[] CommentTexts = ["Se revisó el equipo y se cambió el tóner.", "El técnico visitará la unidad mañana por la mañana."];

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
        var plain = _n == 0 ? requests - 10 : requests;
        // Two years by default; with a rate, as many days as the requests take at that rate, before what is written.
        var end = perDay is null ? now : _historyStart ?? now;
        var start = perDay is { } rate ? end.AddDays(-plain / rate) : now.AddDays(-730);
        _historyStart = start;
        if (_n == 0)
        {
            for (var i = 0; i < 10; i++)
            {
                rows.Add(Row("DS-UI-03", "En ejecución", now.AddDays(-730 + (i * 70)), null, null, null, null, "SOSEP", null));
                _calendars.Add(_n);
            }
        }

        for (var i = 0; i < plain; i++)
        {
            var cr = start + TimeSpan.FromMinutes(_random.Next((int)(end - start).TotalMinutes));
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
        if (texts)
        {
            await CommentsAsync(c, tx);
        }

        await tx.CommitAsync();
        if (texts)
        {
            // The word index of the rows written with SQL, by the one-time step that indexes rows written before it.
            await IndexWordsAsync();
        }

        await using (var analyze = Sql.Command(c, "ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return new SeedStats(_open, _overdue, _late);
    }

    /// <summary>The search's word rows of the requests seeded (and their comments), written by the service's own step.</summary>
    private async Task IndexWordsAsync()
    {
        using var factory = new SosepBot.Persistence.SosepDbContextFactory(Microsoft.Extensions.Options.Options.Create(
            new SosepBot.Core.Persistence.DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString }));
        await using var db = factory.Create();
        await SosepBot.Persistence.SearchIndexBackfill.RunAsync(db, CancellationToken.None);
    }

    /// <summary>The e-mail of requester <paramref name="i"/> (0-based) of the seeded people.</summary>
    public static string RequesterEmail(int i) => string.Create(CultureInfo.InvariantCulture, $"persona{Staff + 1 + i}@sosep.gob.gt");

    private object?[] Row(string code, string state, DateTimeOffset created, long? assignee, long? parent, DateTimeOffset? due, DateTimeOffset? closed, string? unit, DateTimeOffset? scheduled)
    {
        _n++;
        var title = !texts ? string.Create(CultureInfo.InvariantCulture, $"Solicitud de prueba {_n}") : _n % 1000 == 0 ? RareTitle : Titles[_random.Next(Titles.Count)];
        var description = texts ? $"{title}. Lo reporta el personal de la unidad; se necesita atención." : null;
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"UI-{2000 + (_n / 50_000)}-{(_n % 50_000) + 1:D5}"), code, state,
            title, (long)(Staff + 1 + (_n % requesters)), assignee, parent,
            database.Time(created), database.Time(due), database.Time(closed), unit, database.Time(scheduled), false,
            // Closed ones carry a business resolution time (about a third of the calendar time) and miss a limit one time in five.
            closed is { } end ? (long)((end - created).TotalSeconds / 3) : null, closed is not null && _n % 5 == 0,
            description,
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
                $"(@a{r}, @b{r}, @c{r}, @d{r}, @e{r}, @f{r}, @g{r}, 'Api', 'Media', @h{r}, @h{r}, @h{r}, @i{r}, @j{r}, @k{r}, @l{r}, @m{r}, @m{r}, {database.EmptyList}, 1, @n{r}, @o{r}, @p{r})");
            for (var k = 0; k < v.Length; k++)
            {
                parameters[string.Create(CultureInfo.InvariantCulture, $"@{(char)('a' + k)}{r}")] = v[k];
            }
        }

        // Parameter names are matched by substring: @a1 must not be taken for @a10, so the longest go first.
        await using var insert = Command(c, tx, $"""
            INSERT INTO "Requests" ("Number", "ProcedureCode", "State", "Title", "RequesterId", "AssigneeId", "ParentId", "OpenedVia", "Priority",
                "CreatedAt", "UpdatedAt", "StateEnteredAt", "DueAt", "ClosedAt", "Unit", "ScheduledFor", "FormSicoinAccount", "FormSigesAccount", "Approvals", "Version",
                "ResolutionBusinessSeconds", "LimitExceeded", "Description")
            VALUES {values}
            """, parameters);
        await insert.ExecuteNonQueryAsync();
        rows.Clear();
    }

    /// <summary>One comment on every fourth request not commented yet, by its requester, one of two texts.</summary>
    private static async Task CommentsAsync(DbConnection c, DbTransaction tx)
    {
        for (var k = 0; k < CommentTexts.Length; k++)
        {
            await using var comments = Command(c, tx, $"""
                INSERT INTO "Comments" ("RequestId", "AuthorId", "Channel", "Text", "CreatedAt")
                SELECT r."Id", r."RequesterId", 'Api', @t, r."CreatedAt" FROM "Requests" r
                WHERE r."Id" % 8 = {k * 4} AND NOT EXISTS (SELECT 1 FROM "Comments" x WHERE x."RequestId" = r."Id")
                """, new() { ["@t"] = CommentTexts[k] });
            await comments.ExecuteNonQueryAsync();
        }
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
