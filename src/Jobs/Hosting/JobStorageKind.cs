namespace SosepBot.Jobs.Hosting;

/// <summary>Where Hangfire keeps its queues and schedules (never business state).</summary>
public enum JobStorageKind
{
    /// <summary>SQL Server when <c>Database:Provider</c> is SqlServer, in memory otherwise.</summary>
    Auto = 0,

    /// <summary>The embedded default: Hangfire.InMemory. Lost at restart, which loses nothing (see README).</summary>
    InMemory = 1,

    /// <summary>Hangfire.SqlServer, shared by every instance (production).</summary>
    SqlServer = 2,
}
