using SosepBot.Bot.Cli;

namespace SosepBot.Bot.Tests.Cli;

/// <summary><c>jobs list|run</c> on a real SQLite file, with a mailbox configured (never contacted: the service delivers).</summary>
public sealed class JobsCliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sosepbot-cli-jobs", Guid.NewGuid().ToString("N"));

    public JobsCliTests() => Directory.CreateDirectory(_directory);

    private string Database => Path.Combine(_directory, "cli.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("mantenimiento-preventivo", "mantenimiento-preventivo: 0 visitas creadas, 0 unidades notificadas, 0 recordatorios")]
    [InlineData("escalamientos", "escalamientos: 0 avisos")]
    [InlineData("resumen-diario", "resumen-diario: ")] // sent, or skipped when the tests run on a weekend or holiday
    [InlineData("resumen-semanal", "resumen-semanal: enviado a 1 persona (1 mensaje)")]
    [InlineData("limpieza-de-archivos", "limpieza-de-archivos: 0 archivos sin uso eliminados")]
    [InlineData("vaciado-de-copias", "vaciado-de-copias: 0 copias vaciadas")]
    public async Task JobsRun_EachJob_RunsOnceAndPrintsWhatItDid(string job, string summary)
    {
        await DirectorAsync();

        var run = await Run("jobs", "run", job);

        Assert.Equal(0, run.Code);
        Assert.StartsWith(summary, run.Out, StringComparison.Ordinal);
        Assert.Single(run.Out.Trim().Split('\n'));
    }

    [Fact]
    public async Task JobsRun_UnknownName_ListsTheNamesAndRunsNothing()
    {
        var run = await Run("jobs", "run", "resumen-mensual");

        Assert.NotEqual(0, run.Code);
        Assert.Equal(
            "No existe la tarea «resumen-mensual». Las tareas son: mantenimiento-preventivo, escalamientos, resumen-diario, resumen-semanal, sus-pendientes, limpieza-de-archivos, vaciado-de-copias.",
            run.Err.Trim());
        Assert.Equal(string.Empty, run.Out);
        Assert.False(File.Exists(Database), "nothing was built or run: not even the database was created");
    }

    [Fact]
    public async Task JobsRun_DigestTwice_RefusesExplicitly_AndResendsOnlyWithTheOption()
    {
        await DirectorAsync();

        var first = await Run("jobs", "run", "resumen-semanal");
        var again = await Run("jobs", "run", "resumen-semanal");
        var afterRefusal = await QueuedAsync();
        var resent = await Run("jobs", "run", "resumen-semanal", "--reenviar");
        var resentFirst = await Run("jobs", "run", "--reenviar", "resumen-semanal");
        var notADigest = await Run("jobs", "run", "escalamientos", "--reenviar");

        Assert.Equal(0, first.Code);
        Assert.Equal(1, again.Code);
        Assert.Equal(string.Empty, again.Out);
        Assert.StartsWith("El resumen semanal de hoy ya se envió el ", again.Err, StringComparison.Ordinal);
        Assert.EndsWith("; use --reenviar para enviarlo de nuevo.", again.Err.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, afterRefusal);
        Assert.Equal((0, "resumen-semanal: reenviado a 1 persona (1 mensaje)"), (resent.Code, resent.Out.Trim()));
        Assert.Equal((0, "resumen-semanal: reenviado a 1 persona (1 mensaje)"), (resentFirst.Code, resentFirst.Out.Trim()));
        Assert.Equal(1, notADigest.Code);
        Assert.Contains("reenviar solo vale para resumen-diario y resumen-semanal", notADigest.Err, StringComparison.Ordinal);
        Assert.Equal(3, await QueuedAsync());
    }

    [Fact]
    public async Task JobsList_EveryJobWithItsCron_AndTheLastDigest()
    {
        await DirectorAsync();
        await Run("jobs", "run", "resumen-semanal");

        var list = await Run("jobs", "list", "--Jobs:EscalationCron", "*/20 * * * *");

        Assert.Equal(0, list.Code);
        var lines = list.Out.Trim().Split('\n');
        Assert.Equal(
            ["mantenimiento-preventivo", "escalamientos", "resumen-diario", "resumen-semanal", "sus-pendientes", "limpieza-de-archivos", "vaciado-de-copias"],
            lines.Select(l => l.Split('\t')[0]).ToArray());
        Assert.Equal("escalamientos\t*/20 * * * *\túltima ejecución: desconocida", lines[1]);
        Assert.StartsWith("resumen-semanal\t30 7 * * 1\túltima ejecución: desconocida\túltimo envío: ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("\túltimo envío: ninguno", lines[2], StringComparison.Ordinal);
        Assert.Contains("GET /api/jobs", list.Err, StringComparison.Ordinal);
    }

    private async Task DirectorAsync() =>
        Assert.Equal(0, (await Run("people", "add", "--email", "dora@sosep.gob.gt", "--name", "Dora Directora", "--roles", "ItDirector")).Code);

    private async Task<long> QueuedAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"OutboxMessages\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] all =
        [
            .. args,
            "--Database:ConnectionString", $"Data Source={Database}",
            "--Attachments:Directory", Path.Combine(_directory, "files"),
            // Mail reaches every registered person once a mailbox is configured; nothing connects to it here.
            "--Mailbox:Transport", "Imap",
            "--Mailbox:Address", "mesa@sosep.gob.gt",
            "--Mailbox:AllowedDomains:0", "sosep.gob.gt",
            "--Mailbox:Imap:Host", "127.0.0.1",
            "--Mailbox:Smtp:Host", "127.0.0.1",
        ];
        var code = await SosepCli.RunAsync(all, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
