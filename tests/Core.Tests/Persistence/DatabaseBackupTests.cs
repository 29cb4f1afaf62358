using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.Tests.Service;
using SosepBot.TestKit;
using SosepBot.Persistence;

namespace SosepBot.Core.Tests.Persistence;

/// <summary>The backup of the embedded database and its files: consistent while the service writes, never over another.</summary>
[Trait("Engine", "Sqlite")] // SQLite's own: run in the SQLite pass only (scripts/test.sh)
public sealed class DatabaseBackupTests : IAsyncLifetime
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "sosepbot-backup", Guid.NewGuid().ToString("N"));
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task Backup_WhileRequestsAndFilesAreWritten_IsConsistent()
    {
        var ana = await _db.PersonAsync("Ana Usuaria");
        var first = (await _db.Requests(s => s.Opening.OpenAsync(ana, ServiceData.Ticket(), default))).Summary.Number;
        await _db.AttachAsync(ana, first, AttachmentKind.Fotografia, "pantalla.jpg", "image/jpeg", ServiceData.Jpeg(50_000));

        // Requests with files keep arriving while the copy is taken.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var number = (await _db.Requests(s => s.Opening.OpenAsync(ana, ServiceData.Ticket($"Falla {i}"), default))).Summary.Number;
                await _db.AttachAsync(ana, number, AttachmentKind.Otro, $"oficio-{i}.pdf", "application/pdf", ServiceData.Pdf(20_000, seed: i));
                written++;
            }
        });
        while (written < 3)
        {
            await Task.Delay(5);
        }

        var result = await _db.InScopeAsync(sp => sp.GetRequiredService<DatabaseBackup>().CreateAsync(_out, default));
        await stop.CancelAsync();
        await writer;

        // Every attachment row of the copy has its file, with the bytes its row's SHA-256 names.
        await using var copy = new SqliteConnection($"Data Source={result.Database};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var command = copy.CreateCommand();
        command.CommandText = "SELECT \"StorageKey\", \"Sha256\" FROM \"Attachments\"";
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var file = Path.Combine(result.Directory, DatabaseBackup.FilesFolder, reader.GetString(0));
                Assert.Equal(reader.GetString(1), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))));
                rows++;
            }
        }

        Assert.True(result.Requests >= 4, $"{result.Requests} requests in the copy");
        Assert.Equal(rows, result.Files);
        Assert.True(rows >= 4);
    }

    [Fact]
    public async Task Backup_IntoAFolderThatIsNotEmpty_IsRefusedAndLeavesItAlone()
    {
        Directory.CreateDirectory(_out);
        await File.WriteAllTextAsync(Path.Combine(_out, "otro-respaldo.txt"), "no tocar");

        var refused = await Assert.ThrowsAsync<DomainException>(() => _db.InScopeAsync(sp => sp.GetRequiredService<DatabaseBackup>().CreateAsync(_out, default)));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("ya existe y no está vacía", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["otro-respaldo.txt"], Directory.EnumerateFileSystemEntries(_out).Select(Path.GetFileName));
    }
}
