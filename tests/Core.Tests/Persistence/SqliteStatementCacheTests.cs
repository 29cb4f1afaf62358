using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Persistence;

/// <summary>
/// SQLite connections kept open across uses of a pooled context, with their statements prepared once
/// (SqliteKeptOpenConnection, SqliteStatementCache): the same answers as fresh statements, in every situation a
/// shared statement could get wrong.
/// </summary>
[Trait("Engine", "Sqlite")] // SQLite's own: run in the SQLite pass only (scripts/test.sh)
public sealed class SqliteStatementCacheTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateSqliteAsync();
        for (var i = 1; i <= 3; i++)
        {
            await _db.PersonAsync($"Persona {i}");
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SameQuery_RepeatedAcrossLeases_SameOpenConnectionAndNoNewStatements()
    {
        var first = await LeaseAsync(async db => (Before: LiveStatements(db), Handle: Handle(db), Names: await Names(db, "Persona 1"), After: LiveStatements(db)));
        var again = new List<(int Before, SQLitePCL.sqlite3 Handle, List<string> Names, int After)>();
        for (var i = 0; i < 5; i++)
        {
            again.Add(await LeaseAsync(async db => (LiveStatements(db), Handle(db), await Names(db, "Persona 2"), LiveStatements(db))));
        }

        // One context at a time: the pool gives the same one back, its connection still open, the query's statement
        // still prepared from the first lease (its memory held between uses), nothing prepared again.
        Assert.True(first.After > first.Before);
        Assert.Equal(["Persona 1"], first.Names);
        Assert.All(again, a =>
        {
            Assert.Same(first.Handle, a.Handle);
            Assert.Equal(["Persona 2"], a.Names);
            Assert.Equal(first.After, a.Before);
            Assert.Equal(first.After, a.After);
        });
    }

    [Fact]
    public async Task SameQuery_NestedInsideItsOwnOpenReader_AnswersBothRight()
    {
        var pairs = await LeaseAsync(async db =>
        {
            var found = new List<(string Outer, string Inner)>();
            await foreach (var outer in db.People.AsNoTracking().Where(p => p.DisplayName != "x").OrderBy(p => p.Id).AsAsyncEnumerable())
            {
                // The very same SQL while the outer reader is still open: it cannot share the outer's statement.
                var inner = await db.People.AsNoTracking().Where(p => p.DisplayName != "x").OrderBy(p => p.Id).Select(p => p.DisplayName).FirstAsync();
                found.Add((outer.DisplayName, inner));
            }

            return found;
        });

        Assert.Equal([("Persona 1", "Persona 1"), ("Persona 2", "Persona 1"), ("Persona 3", "Persona 1")], pairs);
    }

    [Fact]
    public async Task CachedStatement_InAndOutOfATransaction_RolledBackWorkIsGoneAndNextUseIsPlain()
    {
        await LeaseAsync(async db =>
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await Rename(db, "Persona 3", "Cambiado");
                Assert.Equal(["Cambiado"], await Names(db, "Cambiado"));
                await transaction.RollbackAsync();
            }

            // The same statements outside any transaction (the cached command must not keep the old one).
            Assert.Empty(await Names(db, "Cambiado"));
            await Rename(db, "Persona 3", "Definitivo");
            return true;
        });

        Assert.Equal(["Definitivo"], await LeaseAsync(db => Names(db, "Definitivo")));
    }

    [Fact]
    public async Task CachedInsert_FailingOnAConstraint_IsUsableAgain()
    {
        await LeaseAsync(async db =>
        {
            db.People.Add(new Person { Email = "repetido@sosep.gob.gt", DisplayName = "Uno" });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            db.People.Add(new Person { Email = "repetido@sosep.gob.gt", DisplayName = "Dos" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.People.Add(new Person { Email = "otro@sosep.gob.gt", DisplayName = "Tres" });
            await db.SaveChangesAsync();
            return true;
        });

        Assert.Equal(["Tres", "Uno"], await LeaseAsync(db => db.People.Where(p => p.Email.EndsWith("@sosep.gob.gt") && p.DisplayName.Length <= 4).Select(p => p.DisplayName).OrderBy(n => n).ToListAsync()));
    }

    [Fact]
    public async Task Connection_ReturnedInsideATransactionNobodyEnded_IsRolledBackNotHandedOn()
    {
        await LeaseAsync(async db =>
        {
            // A transaction begun on the raw connection, behind EF Core's back, and never ended.
            var raw = (SqliteConnection)db.Database.GetDbConnection();
            await using var begin = raw.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
            return true;
        });

        // The next user gets a connection outside any transaction, and the database is not left locked (the write
        // below would wait for the lock, then fail).
        var autocommit = await LeaseAsync(db => Task.FromResult(SQLitePCL.raw.sqlite3_get_autocommit(((SqliteConnection)db.Database.GetDbConnection()).Handle)));
        Assert.NotEqual(0, autocommit);
        await LeaseAsync(db => Rename(db, "Persona 1", "Escrito después"));
    }

    [Fact]
    public async Task ManyLeasesAtOnce_EachGetsItsOwnConnectionAndRightAnswers()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => LeaseAsync(async db =>
        {
            var name = $"Persona {(i % 3) + 1}";
            await Task.Yield();
            return (Expected: name, Got: await Names(db, name));
        })));

        Assert.All(answers, a => Assert.Equal([a.Expected], a.Got));
    }

    private Task<T> LeaseAsync<T>(Func<SosepDbContext, Task<T>> work) =>
        _db.InScopeAsync(sp => work(sp.GetRequiredService<SosepDbContext>()));

    private static Task<List<string>> Names(SosepDbContext db, string name) =>
        db.People.AsNoTracking().Where(p => p.DisplayName == name).Select(p => p.DisplayName).ToListAsync();

    private static Task<int> Rename(SosepDbContext db, string from, string to) =>
        db.People.Where(p => p.DisplayName == from).ExecuteUpdateAsync(s => s.SetProperty(p => p.DisplayName, to));

    private static SQLitePCL.sqlite3 Handle(SosepDbContext db) => ((SqliteConnection)db.Database.GetDbConnection()).Handle!;

    /// <summary>Bytes held by the statements prepared (and not finalized) on the native connection (SQLITE_DBSTATUS_STMT_USED).</summary>
    private static int LiveStatements(SosepDbContext db)
    {
        const int statementMemory = 3;
        SQLitePCL.raw.sqlite3_db_status(Handle(db), statementMemory, out var current, out _, 0);
        return current;
    }
}
