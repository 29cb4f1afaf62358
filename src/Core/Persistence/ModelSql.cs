using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SosepBot.Core.Persistence;

/// <summary>
/// The names and conversions a hand-written statement needs, taken from the EF model (so that it follows the mapping and
/// the provider's quoting): for the few hot statements written as plain SQL instead of LINQ, whose per-call translation
/// and cache look-up cost more than the statement itself.
/// </summary>
public sealed class ModelSql
{
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _store;
    private readonly ISqlGenerationHelper _helper;

    private ModelSql(DbContext db, Type type)
    {
        _entity = db.Model.FindEntityType(type) ?? throw new NotSupportedException($"{type.Name} is not mapped.");
        var table = _entity.GetTableName() ?? throw new NotSupportedException($"{type.Name} is not mapped to a table.");
        _store = StoreObjectIdentifier.Table(table, _entity.GetSchema());
        _helper = db.GetService<ISqlGenerationHelper>();
        Table = _helper.DelimitIdentifier(table, _entity.GetSchema());
    }

    /// <summary>The entity's table, quoted.</summary>
    public string Table { get; }

    public static ModelSql For<T>(DbContext db)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        return new ModelSql(db, typeof(T));
    }

    /// <summary>The property's column, quoted.</summary>
    public string Column(string property) => _helper.DelimitIdentifier(_entity.FindProperty(property)!.GetColumnName(_store)!);

    /// <summary>The converter the property's values go through (null when stored as they are).</summary>
    public ValueConverter? Converter(string property) => _entity.FindProperty(property)!.GetTypeMapping().Converter;
}

/// <summary>Hand-written statements of one entity, built from the EF model once per model (<see cref="ModelSql"/>).</summary>
public sealed class ModelStatements<TEntity, TStatements>(Func<ModelSql, TStatements> build)
    where TEntity : class
    where TStatements : class
{
    private readonly ConditionalWeakTable<IModel, TStatements> _byModel = [];

    public TStatements For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _ => build(ModelSql.For<TEntity>(db)));
    }
}
