using System.ComponentModel.DataAnnotations;

namespace SosepBot.Core.Persistence;

/// <summary>Which database, and where. Section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Sqlite (embedded default), PostgreSql or SqlServer.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required(ErrorMessage = "Database:ConnectionString is required.")]
    public string ConnectionString { get; set; } = "Data Source=data/sosepbot.db";

    /// <summary>Apply pending migrations at start (default on; turn off where a DBA applies scripts).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
