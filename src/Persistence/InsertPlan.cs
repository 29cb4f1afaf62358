using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SosepBot.Persistence;

/// <summary>
/// How the providers' bulk writers (<see cref="BulkInsert"/> on SQLite, <see cref="PostgreSqlBulkInsert"/> on
/// PostgreSQL) insert a NEW row of one mapped entity type, taken from the EF model once per model and type: the table,
/// its columns (owned types split into the same table included) with their type mappings — value converters (enums as
/// text, instants as UTC ticks or UTC timestamps, JSON collections) — and the store-generated key read back
/// (RETURNING). So they write exactly what SaveChanges writes and cannot drift from the schema.
/// </summary>
internal sealed class InsertPlan
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Type), InsertPlan> Plans = new();

    private readonly string _head;
    private readonly ConcurrentDictionary<int, string> _positionalRows = new();
    private readonly ConcurrentDictionary<int, string> _namedRows = new();

    private InsertPlan(string head, string namedSql, string positionalSql, IReadOnlyList<InsertColumn> columns, Action<object, object?>? setKey)
    {
        _head = head;
        NamedSql = namedSql;
        PositionalSql = positionalSql;
        Columns = columns;
        SetKey = setKey;
    }

    /// <summary>The statement with named parameters (@p0, @p1…), one per column in <see cref="Columns"/>' order.</summary>
    public string NamedSql { get; }

    /// <summary>The statement with positional parameters ($1, $2…): PostgreSQL's own, which Npgsql sends without rewriting it.</summary>
    public string PositionalSql { get; }

    public IReadOnlyList<InsertColumn> Columns { get; }

    /// <summary>Sets the row's store-generated key from what the statement returns; null when the key is not generated.</summary>
    public Action<object, object?>? SetKey { get; }

    /// <summary>
    /// The statement inserting <paramref name="rows"/> rows at once with positional parameters (row after row, each in
    /// <see cref="Columns"/>' order). Only for a plan whose key is not generated: a multi-row INSERT's RETURNING is not
    /// promised in the rows' order, so keys could not be matched to rows.
    /// </summary>
    public string PositionalRows(int rows) => Rows(rows, _positionalRows, Positional);

    /// <summary>Like <see cref="PositionalRows"/> with named parameters (@p0, @p1…, row after row): SQLite's.</summary>
    public string NamedRows(int rows) => Rows(rows, _namedRows, Named);

    private string Rows(int rows, ConcurrentDictionary<int, string> built, Func<int, string> parameter)
    {
        if (SetKey is not null)
        {
            throw new InvalidOperationException("A multi-row insert cannot read generated keys back in the rows' order.");
        }

        return built.GetOrAdd(rows, n => _head + string.Join(", ", Enumerable.Range(0, n).Select(r =>
            "(" + string.Join(", ", Enumerable.Range(0, Columns.Count).Select(c => parameter(r * Columns.Count + c))) + ")")));
    }

    public static InsertPlan Of(DbContext db, Type type) =>
        Plans.GetOrAdd((db.Model, type), key => For(key.Model, key.Type, db.GetService<ISqlGenerationHelper>()));

    private static InsertPlan For(IModel model, Type type, ISqlGenerationHelper sql)
    {
        var entityType = model.FindEntityType(type) ?? throw new NotSupportedException($"{type.Name} is not mapped.");
        var table = entityType.GetTableName() ?? throw new NotSupportedException($"{type.Name} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = new List<InsertColumn>();
        Collect(entityType, store, static o => o, columns, owned: false);
        var key = entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
        var head = $"INSERT INTO {sql.DelimitIdentifier(table, entityType.GetSchema())} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        string Statement(Func<int, string> parameter) =>
            head + $"({string.Join(", ", columns.Select((_, i) => parameter(i)))})"
            + (key is null ? string.Empty : $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(store)!)}");
        Action<object, object?>? setKey = null;
        if (key is not null)
        {
            var property = key.PropertyInfo ?? throw new NotSupportedException($"{type.Name}.{key.Name}: a generated key must be a CLR property.");
            setKey = (row, value) => property.SetValue(row, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }

        return new InsertPlan(
            head,
            Statement(Named),
            Statement(Positional),
            columns,
            setKey);
    }

    /// <summary>The named parameter of the <paramref name="index"/>-th value (0-based): @p0, @p1…</summary>
    private static string Named(int index) => "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>PostgreSQL's positional parameter of the <paramref name="index"/>-th value (0-based): $1, $2…</summary>
    private static string Positional(int index) => "$" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Collect(IEntityType entityType, StoreObjectIdentifier store, Func<object, object?> owner, List<InsertColumn> columns, bool owned)
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
                throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name}: shadow, defaulted or generated columns are not written by the bulk writers.");
            }

            var getter = property.GetGetter();
            var mapping = property.GetRelationalTypeMapping();
            columns.Add(new InsertColumn(property.GetColumnName(store)!, mapping, row => owner(row) is { } o ? getter.GetClrValue(o) : null));
        }

        foreach (var navigation in entityType.GetNavigations().Where(n => n.ForeignKey.IsOwnership && n.IsOnDependent == false))
        {
            var target = navigation.TargetEntityType;
            if (navigation.IsCollection || target.GetTableName() != store.Name)
            {
                throw new NotSupportedException($"{entityType.DisplayName()}.{navigation.Name}: only owned types split into the same table are written by the bulk writers.");
            }

            var getter = navigation.GetGetter();
            Collect(target, store, row => owner(row) is { } o ? getter.GetClrValue(o) : null, columns, owned: true);
        }
    }
}

/// <summary>One column of an <see cref="InsertPlan"/>: its name, its type mapping (with the converter) and how to read its value from a row.</summary>
internal sealed record InsertColumn(string Name, RelationalTypeMapping Mapping, Func<object, object?> Read);
