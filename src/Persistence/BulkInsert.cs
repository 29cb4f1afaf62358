using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>
/// Inserts many NEW rows of one mapped entity type with a single prepared statement, executed row after row on the
/// context's connection inside its current transaction — for bulk paths (the mailbox's batches) where EF Core's
/// per-row SaveChanges bookkeeping, not SQLite, is the cost (≈10 µs against ≈100+ µs per row measured here).
/// The statement and every value come from the EF model — table and column names, value converters (enums as text,
/// instants as UTC ticks, JSON collections), owned types split into the same table — so it writes exactly what
/// SaveChanges writes (a test compares the stored columns of both) and cannot drift from the schema. Store-generated
/// keys are read back (RETURNING) into the entities. The rows are not tracked by the context.
/// SQLite's write of <see cref="SosepDbContext.InsertAsync{T}"/>; the other providers save through EF Core.
/// </summary>
internal static class BulkInsert
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Type), Plan> Plans = new();

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var plan = Plans.GetOrAdd((db.Model, typeof(T)), key => Plan.For(key.Model, key.Type, db.GetService<ISqlGenerationHelper>()));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (command, parameters, kept) = Prepare(db, plan);
            await using var disposeIfNotKept = kept ? null : command;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            try
            {
                foreach (var row in rows)
                {
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        var column = plan.Columns[i];
                        var value = column.Read(row);
                        parameters[i].Value = value is null ? DBNull.Value : column.Mapping.Converter?.ConvertToProvider(value) ?? value;
                    }

                    object? key;
                    try
                    {
                        key = await command.ExecuteScalarAsync(cancellationToken);
                    }
                    catch (SqliteException e) when (e.SqliteErrorCode == 19)
                    {
                        // A constraint (a unique key): reported as SaveChanges reports it, so callers need not know the path.
                        throw new DbUpdateException($"An insert violated a constraint: {e.Message}", e);
                    }

                    plan.SetKey?.Invoke(row, key);
                }
            }
            finally
            {
                command.Transaction = null;
                foreach (var parameter in parameters)
                {
                    parameter.Value = DBNull.Value; // no row's values held between uses
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The insert command of <paramref name="plan"/>, prepared once per open connection (<see cref="SqlitePreparedCommands"/>).</summary>
    private static (DbCommand Command, DbParameter[] Parameters, bool Kept) Prepare(DbContext db, Plan plan)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var prepared = SqlitePreparedCommands.Of(connection);
        if (prepared.TryGet<PreparedInsert>(plan.Sql, out var found))
        {
            return (found!.Command, found.Parameters, true);
        }

        var command = connection.CreateCommand();
        command.CommandText = plan.Sql;
        var parameters = plan.Columns.Select((c, i) => c.Mapping.CreateParameter(command, "@p" + i, null, nullable: true)).ToArray();
        command.Parameters.AddRange(parameters);
        if (!prepared.HasRoom)
        {
            return (command, parameters, false); // used once, then disposed
        }

        prepared.Add(plan.Sql, new PreparedInsert(command, parameters));
        return (command, parameters, true);
    }

    private sealed record PreparedInsert(DbCommand Command, DbParameter[] Parameters);

    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Read);

    private sealed class Plan
    {
        private Plan(string sql, IReadOnlyList<Column> columns, Action<object, object?>? setKey)
        {
            Sql = sql;
            Columns = columns;
            SetKey = setKey;
        }

        public string Sql { get; }

        public IReadOnlyList<Column> Columns { get; }

        public Action<object, object?>? SetKey { get; }

        public static Plan For(IModel model, Type type, ISqlGenerationHelper sql)
        {
            var entityType = model.FindEntityType(type) ?? throw new NotSupportedException($"{type.Name} is not mapped.");
            var table = entityType.GetTableName() ?? throw new NotSupportedException($"{type.Name} is not mapped to a table.");
            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            var columns = new List<Column>();
            Collect(entityType, store, static o => o, columns, owned: false);
            var key = entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
            var text = $"INSERT INTO {sql.DelimitIdentifier(table, entityType.GetSchema())} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) "
                + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})"
                + (key is null ? string.Empty : $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(store)!)}");
            Action<object, object?>? setKey = null;
            if (key is not null)
            {
                var property = key.PropertyInfo ?? throw new NotSupportedException($"{type.Name}.{key.Name}: a generated key must be a CLR property.");
                setKey = (row, value) => property.SetValue(row, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            }

            return new Plan(text, columns, setKey);
        }

        private static void Collect(IEntityType entityType, StoreObjectIdentifier store, Func<object, object?> owner, List<Column> columns, bool owned)
        {
            foreach (var property in entityType.GetProperties())
            {
                if (property.IsPrimaryKey() && (owned || property.ValueGenerated == ValueGenerated.OnAdd))
                {
                    continue; // the generated key, or an owned type's copy of its owner's key
                }

                if (property.IsShadowProperty() || property.GetDefaultValueSql() is not null || property.GetComputedColumnSql() is not null
                    || property.TryGetDefaultValue(out _) || (property.ValueGenerated != ValueGenerated.Never && !property.IsPrimaryKey()))
                {
                    throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name}: shadow, defaulted or generated columns are not written by BulkInsert.");
                }

                var getter = property.GetGetter();
                var mapping = property.GetRelationalTypeMapping();
                columns.Add(new Column(property.GetColumnName(store)!, mapping, row => owner(row) is { } o ? getter.GetClrValue(o) : null));
            }

            foreach (var navigation in entityType.GetNavigations().Where(n => n.ForeignKey.IsOwnership && n.IsOnDependent == false))
            {
                var target = navigation.TargetEntityType;
                if (navigation.IsCollection || target.GetTableName() != store.Name)
                {
                    throw new NotSupportedException($"{entityType.DisplayName()}.{navigation.Name}: only owned types split into the same table are written by BulkInsert.");
                }

                var getter = navigation.GetGetter();
                Collect(target, store, row => owner(row) is { } o ? getter.GetClrValue(o) : null, columns, owned: true);
            }
        }
    }
}
