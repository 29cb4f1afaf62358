using Hangfire.PostgreSql;
using Npgsql;

namespace SosepBot.Jobs.Hosting;

/// <summary>
/// Installs (or upgrades) Hangfire's PostgreSQL schema under a PostgreSQL advisory lock: instances starting together on
/// an empty database would otherwise run its CREATE statements at the same time and fail on each other's objects.
/// The storage itself is then created with <c>PrepareSchemaIfNecessary</c> off.
/// </summary>
public static class PostgreSqlJobSchema
{
    /// <summary>The advisory lock's key ("SosepHf1"): the same for every instance of the service.</summary>
    private const long LockKey = 0x536F_7365_7048_6631;

    public static void Install(string connectionString, string schemaName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute(connection, "SELECT pg_advisory_lock(@key)");
        try
        {
            // Idempotent: it reads the installed version and applies only what is missing.
            PostgreSqlObjectsInstaller.Install(connection, schemaName);
        }
        finally
        {
            Execute(connection, "SELECT pg_advisory_unlock(@key)");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", LockKey);
        command.ExecuteScalar();
    }
}
