using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.Persistence;

namespace SosepBot.Persistence;

/// <summary>What a backup holds.</summary>
public sealed record BackupResult(string Directory, string Database, int Requests, int Files, long FileBytes);

/// <summary>
/// A consistent copy of the embedded SQLite database and of the files its attachments name, taken while the service
/// runs: copying the database file by hand while it is in use (write-ahead log) can give a copy that is torn or misses
/// the last transactions. The database is copied with SQLite's online backup (a snapshot of one moment); then the files
/// that snapshot's attachments name — written before their rows were committed, so all there — into
/// <c>attachments/</c> beside it; the copy is checked with <c>PRAGMA integrity_check</c>. SQL Server is refused: back
/// it up with its own tools.
/// </summary>
public sealed class DatabaseBackup(SosepDbContext db, IAttachmentStore store)
{
    public const string DatabaseFile = "sosepbot.db";
    public const string FilesFolder = "attachments";

    public async Task<BackupResult> CreateAsync(string directory, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            throw new DomainException(ErrorKind.Invalid,
                PersistenceTexts.ServerDatabase);
        }

        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new DomainException(ErrorKind.Invalid, PersistenceTexts.BackupFolderNeeded) { Field = "out" };
        }

        var target = Path.GetFullPath(directory);
        if (System.IO.Directory.Exists(target) && System.IO.Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new DomainException(ErrorKind.Conflict, PersistenceTexts.FolderNotEmpty(target)) { Field = "out" };
        }

        System.IO.Directory.CreateDirectory(target);
        var file = Path.Combine(target, DatabaseFile);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await copy.OpenAsync(cancellationToken);
            source.BackupDatabase(copy);
            var check = await ScalarAsync(copy, "PRAGMA integrity_check", cancellationToken);
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The backup copy failed SQLite's integrity check: {check}");
            }

            var requests = int.Parse(await ScalarAsync(copy, $"SELECT COUNT(*) FROM {ModelSql.For<SosepBot.Core.Requests.Request>(db).Table}", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            var (files, bytes) = await CopyFilesAsync(copy, Path.Combine(target, FilesFolder), cancellationToken);
            return new BackupResult(target, file, requests, files, bytes);
        }
    }

    /// <summary>Copies the files the snapshot's attachments name (each once, whatever the number of rows naming it).</summary>
    private async Task<(int Files, long Bytes)> CopyFilesAsync(SqliteConnection copy, string folder, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await using (var command = copy.CreateCommand())
        {
            var attachments = ModelSql.For<Attachment>(db);
            command.CommandText = $"SELECT DISTINCT {attachments.Column(nameof(Attachment.StorageKey))} FROM {attachments.Table}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetString(0));
            }
        }

        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        long bytes = 0;
        foreach (var key in keys)
        {
            var path = Path.GetFullPath(Path.Combine(folder, key));
            if (!path.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("An attachment key escapes the backup folder.");
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var content = await store.OpenAsync(key, cancellationToken);
            await using var written = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            await content.CopyToAsync(written, cancellationToken);
            bytes += written.Length;
        }

        return (keys.Count, bytes);
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // fixed statements
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
