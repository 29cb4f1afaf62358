namespace SosepBot.Jobs.Hosting;

/// <summary>Where Hangfire keeps its queues and schedules (never business state).</summary>
public enum JobStorageKind
{
    /// <summary>The database's own server (SQL Server or PostgreSQL) when <c>Database:Provider</c> names one, in memory with SQLite.</summary>
    Auto = 0,

    /// <summary>The embedded default: Hangfire.InMemory. Lost at restart, which loses nothing (see README).</summary>
    InMemory = 1,

    /// <summary>Hangfire.SqlServer, shared by every instance (production).</summary>
    SqlServer = 2,

    /// <summary>Hangfire.PostgreSql, shared by every instance.</summary>
    PostgreSql = 3,
}
