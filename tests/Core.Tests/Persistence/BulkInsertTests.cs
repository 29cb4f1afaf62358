using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Audit;
using SosepBot.Core.Mail;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.TestKit;
using SosepBot.Persistence;

namespace SosepBot.Core.Tests.Persistence;

/// <summary>
/// The providers' bulk writers (SQLite's <see cref="BulkInsert"/>, PostgreSQL's <see cref="PostgreSqlBulkInsert"/>),
/// behind <see cref="SosepDbContext.InsertAsync{T}"/>, must store exactly what SaveChanges stores. For each type the
/// bulk paths write, two entities with EVERY mapped property (owned ones included) set to a non-default value are
/// saved, one by EF Core and one by InsertAsync, and the two stored rows are compared column by column as the engine
/// holds them — converters (enums as text, instants as UTC ticks or timestamps, JSON collections) included. A property
/// added to one of these types is covered without editing this.
/// </summary>
public sealed class BulkInsertTests
{
    public static TheoryData<Type> BulkTypes => [typeof(Request), typeof(AuditEntry), typeof(RequestEvent), typeof(MailRecord), typeof(OutboxMessage), typeof(Teams.TeamsInboundActivity)];

    [Theory]
    [MemberData(nameof(BulkTypes))]
    public async Task Insert_EveryColumn_StoredAsSaveChangesStoresIt(Type type)
    {
        await using var test = await TestDatabase.CreateAsync();
        var (personId, requestId, unitId) = await SeedAsync(test);

        var (efId, bulkId, table) = await test.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            var entityType = db.Model.FindEntityType(type)!;
            var byEf = Fill(Activator.CreateInstance(type)!, entityType, 1, personId, requestId, unitId);
            var byBulk = Fill(Activator.CreateInstance(type)!, entityType, 2, personId, requestId, unitId);
            await db.InTransactionAsync(async ct =>
            {
                db.Add(byEf);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                await (Task)typeof(SosepDbContext).GetMethod(nameof(SosepDbContext.InsertAsync))!.MakeGenericMethod(type)
                    .Invoke(db, [Array.CreateInstance(type, 1).Also(a => a.SetValue(byBulk, 0)), ct])!;
            }, CancellationToken.None);
            return (Key(byEf, entityType), Key(byBulk, entityType), entityType.GetTableName()!);
        });

        Assert.NotEqual(0L, bulkId);
        var stored = await ReadAsync(test, table, efId);
        var bulk = await ReadAsync(test, table, bulkId);
        Assert.Equal(stored.Keys.Order(), bulk.Keys.Order());
        foreach (var (column, value) in stored.Where(c => c.Key != "Id"))
        {
            Assert.False(value is null, $"{table}.{column} was not filled by the test: extend Fill for its type.");
            Assert.Equal(Normalize(value), Normalize(bulk[column]));
        }
    }

    /// <param name="count">A few, and many (as the first escalation scan after a backlog writes).</param>
    [Theory]
    [InlineData(5)]
    [InlineData(1207)]
    public async Task Insert_SeveralRows_EachGetsItsGeneratedKeyInOrder(int count)
    {
        await using var test = await TestDatabase.CreateAsync();
        var ids = await test.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            var rows = Enumerable.Range(1, count).Select(i => Record(i.ToString(CultureInfo.InvariantCulture))).ToList();
            await db.InsertAsync(rows, CancellationToken.None);
            Assert.Empty(db.ChangeTracker.Entries());
            return rows.Select(r => (r.Id, r.ExternalId)).ToList();
        });
        var stored = await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().MailRecords.AsNoTracking()
            .OrderBy(r => r.Id).Select(r => new ValueTuple<long, string>(r.Id, r.ExternalId)).ToListAsync());

        Assert.Equal(stored, ids);
        Assert.Equal(count, ids.Select(i => i.Id).Distinct().Count());
    }

    /// <summary>Rows whose key is not generated (given by the caller, or composite) are written too, each once.</summary>
    [Fact]
    public async Task Insert_RowsWithTheirOwnKeys_AreStored()
    {
        await using var test = await TestDatabase.CreateAsync();
        await test.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            await db.InsertAsync(
                [new Teams.TeamsConversationPace { ConversationId = "a", SecondFullAt = 1 }, new Teams.TeamsConversationPace { ConversationId = "b", HourFullAt = 3 }],
                CancellationToken.None);
            return true;
        });

        var stored = await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().ConversationSendPaces.AsNoTracking()
            .OrderBy(p => p.ConversationId).Select(p => new ValueTuple<string, long, long>(p.ConversationId, p.SecondFullAt, p.HourFullAt)).ToListAsync());
        Assert.Equal([("a", 1L, 0L), ("b", 0L, 3L)], stored);
    }

    /// <summary>
    /// Many rows whose key is not generated (PostgreSQL writes them in multi-row statements of power-of-two sizes: 1,807 =
    /// 1,024 + 512 + 256 + 8 + 4 + 2 + 1; SQLite 56 statements of 32 rows, then 15 of one): every row once, each with its
    /// own values; and one refused in the middle of them, inside a transaction, keeps none of the call while the
    /// transaction goes on.
    /// </summary>
    [Fact]
    public async Task Insert_ManyRowsWithTheirOwnKeys_EachStoredOnce_AndOneRefusedKeepsNone()
    {
        await using var test = await TestDatabase.CreateAsync();
        static Teams.TeamsConversationPace Pace(int i) => new() { ConversationId = $"c{i:D4}", SecondFullAt = i, HourFullAt = 2 * i };
        await test.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            await db.InsertAsync(Enumerable.Range(0, 1807).Select(Pace).ToList(), CancellationToken.None);
            await db.InTransactionAsync(async ct =>
            {
                var again = Enumerable.Range(5000, 1500).Select(Pace).ToList();
                again[900] = Pace(17); // already stored
                await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertAsync(again, ct));
                await db.InsertAsync([Pace(9000)], ct);
            }, CancellationToken.None);
            return true;
        });

        var stored = await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().ConversationSendPaces.AsNoTracking()
            .Select(p => new ValueTuple<string, long, long>(p.ConversationId, p.SecondFullAt, p.HourFullAt)).ToListAsync());
        Assert.Equal(
            Enumerable.Range(0, 1807).Append(9000).Select(i => ($"c{i:D4}", (long)i, 2L * i)).Order().ToList(),
            stored.Order().ToList());
    }

    /// <summary>
    /// A row refused by a unique key inside a transaction: reported as SaveChanges reports it, none of its batch kept,
    /// and the transaction still usable — what was written before and after it commits (SaveChanges' savepoint).
    /// </summary>
    [Fact]
    public async Task Insert_RefusedByAUniqueKeyInATransaction_ThrowsDbUpdateAndTheTransactionGoesOn()
    {
        await using var test = await TestDatabase.CreateAsync();
        await test.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            await db.InTransactionAsync(async ct =>
            {
                await db.InsertAsync([Record("antes")], ct);
                await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertAsync([Record("nueva"), Record("antes")], ct));
                await db.InsertAsync([Record("despues")], ct);
            }, CancellationToken.None);
            return true;
        });

        var stored = await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().MailRecords.AsNoTracking().OrderBy(r => r.Id).Select(r => r.ExternalId).ToListAsync());
        Assert.Equal(["antes", "despues"], stored);
    }

    /// <summary>Outside a transaction, many rows are all or none: one refused at the end keeps none.</summary>
    [Fact]
    public async Task Insert_ManyRowsOneRefused_KeepsNone()
    {
        await using var test = await TestDatabase.CreateAsync();
        await test.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            var rows = Enumerable.Range(1, 610).Select(i => Record(i.ToString(CultureInfo.InvariantCulture))).ToList();
            rows.Add(Record("1"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertAsync(rows, CancellationToken.None));
            return true;
        });

        Assert.Equal(0, await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().MailRecords.CountAsync()));
    }

    [Fact]
    [Trait("Engine", "Sqlite")] // SQLite's prepared statements: run in the SQLite pass only (scripts/test.sh)
    public async Task Insert_AgainOnTheSameOpenConnection_ReusesItsStatementAndStoresEachRow()
    {
        await using var test = await TestDatabase.CreateSqliteAsync();
        var memory = await test.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            var used = new List<int> { StatementMemory(db) };
            for (var batch = 0; batch < 4; batch++)
            {
                await db.InsertAsync([Record($"b{batch}")], CancellationToken.None);
                used.Add(StatementMemory(db));
            }

            // Closed and opened again: the statements were finalized with the close; a new one is prepared.
            await db.Database.CloseConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await connection.CloseAsync();
            await connection.OpenAsync();
            await db.InsertAsync([Record("despues")], CancellationToken.None);
            return used;
        });

        // Prepared at the first batch, kept (not finalized after it), not prepared again for the next batches.
        Assert.True(memory[1] > memory[0]);
        Assert.All(memory.Skip(1), m => Assert.Equal(memory[1], m));
        var stored = await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().MailRecords.AsNoTracking().OrderBy(r => r.Id).Select(r => r.ExternalId).ToListAsync());
        Assert.Equal(["b0", "b1", "b2", "b3", "despues"], stored);
    }

    private static MailRecord Record(string id) => new() { Mailbox = "m", ExternalId = id, Sha256 = "x", ProcessedAt = DateTimeOffset.UnixEpoch };

    /// <summary>Bytes held by the statements prepared on the context's native connection (SQLITE_DBSTATUS_STMT_USED).</summary>
    private static int StatementMemory(SosepDbContext db)
    {
        SQLitePCL.raw.sqlite3_db_status(((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).Handle, 3, out var current, out _, 0);
        return current;
    }

    private static async Task<(long PersonId, long RequestId, long UnitId)> SeedAsync(TestDatabase test)
    {
        var unit = await test.InScopeAsync(sp => sp.GetRequiredService<global::SosepBot.Core.Units.UnitService>().CreateAsync(
            new global::SosepBot.Core.Units.UnitInput { Name = "Semilla", Department = "Guatemala" }, CancellationToken.None));
        var actor = await test.PersonAsync("Sembrada", Role.Technician);
        var opened = await test.Requests(r => r.Opening.OpenAsync(actor, new NewRequest { ProcedureCode = "DS-UI-04", Title = "semilla" }, CancellationToken.None));
        var requestId = await test.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Requests.Where(r => r.Number == opened.Summary.Number).Select(r => r.Id).SingleAsync());
        return (actor.PersonId, requestId, unit.Id);
    }

    /// <summary>Sets every mapped property of <paramref name="entity"/> (and of its owned parts) to a non-default value; strings carry the variant.</summary>
    private static object Fill(object entity, IEntityType entityType, int variant, long personId, long requestId, long unitId)
    {
        var foreignKeys = entityType.GetForeignKeys().Where(f => !f.IsOwnership).ToDictionary(f => f.Properties.Single(), f => f.PrincipalEntityType.ClrType);
        foreach (var property in entityType.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty()))
        {
            var info = property.PropertyInfo!;
            var clr = Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
            object value = foreignKeys.TryGetValue(property, out var principal)
                ? principal == typeof(Person) ? personId : principal == typeof(Request) ? requestId : principal == typeof(global::SosepBot.Core.Units.Unit) ? unitId : throw new NotSupportedException(principal.Name)
                : clr == typeof(string) ? $"v{variant}-{property.Name}"
                : clr == typeof(int) ? 7
                : clr == typeof(long) ? 9L
                : clr == typeof(bool) ? true
                : clr == typeof(double) ? 1.5
                : clr == typeof(decimal) ? 2.5m
                : clr == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.FromHours(-6)).AddTicks(1234567)
                : clr == typeof(DateOnly) ? new DateOnly(2026, 5, 4)
                : clr == typeof(TimeSpan) ? new TimeSpan(1, 2, 3)
                : clr == typeof(Guid) ? Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")
                : clr == typeof(byte[]) ? new byte[] { 1, 2, 3 }
                : clr == typeof(List<string>) ? new List<string> { $"v{variant}-a", $"v{variant}-b" }
                : clr.IsEnum ? Enum.GetValues(clr).Cast<object>().Last()
                : throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name}: {clr.Name} — extend Fill.");
            info.SetValue(entity, value);
        }

        foreach (var navigation in entityType.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent))
        {
            var info = navigation.PropertyInfo!;
            var part = info.GetValue(entity) ?? Activator.CreateInstance(info.PropertyType)!;
            info.SetValue(entity, Fill(part, navigation.TargetEntityType, variant, personId, requestId, unitId));
        }

        return entity;
    }

    private static long Key(object entity, IEntityType entityType) =>
        Convert.ToInt64(entityType.FindPrimaryKey()!.Properties.Single().PropertyInfo!.GetValue(entity), CultureInfo.InvariantCulture);

    private static Task<Dictionary<string, object?>> ReadAsync(TestDatabase test, string table, long id) => test.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<SosepDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" = {id.ToString(CultureInfo.InvariantCulture)}";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{table} row {id} not found");
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    });

    private static object? Normalize(object? value) => value switch
    {
        string s => s.Replace("v1-", "v2-", StringComparison.Ordinal),
        string[] a => string.Join("|", a.Select(s => s.Replace("v1-", "v2-", StringComparison.Ordinal))),
        byte[] b => Convert.ToHexString(b),
        _ => value,
    };
}

internal static class ObjectExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
