using System.Diagnostics;
using SosepBot.Bot.Cli;

namespace SosepBot.Bot.Tests.Cli;

/// <summary>scripts/sosep, as a newcomer types it: the command line from the Release build, never the service.</summary>
[Trait("Engine", "Sqlite")] // the script, not the engine: its commands run on a SQLite file
public sealed class SosepScriptTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sosepbot-script", Guid.NewGuid().ToString("N"));

    public SosepScriptTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left to the temp cleaner
        }
    }

    [Theory]
    [InlineData("peple", "No existe el comando «peple».")]
    [InlineData("--Urls", "No existe el comando «--Urls».")]
    [InlineData(null, "Indique un comando.")]
    public async Task Sosep_NotACommand_AnswersTheUsageInSpanishAndNeverStartsTheService(string? first, string expected)
    {
        string[] args = first is null ? [] : [first, "http://127.0.0.1:1"];

        var (code, output, elapsed) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("Uso: scripts/sosep <comando>", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Sosep_PeopleAddThenList_RunsOnTheGivenDatabase()
    {
        var database = $"Data Source={Path.Combine(_directory, "sosepbot.db")}";

        var add = await RunAsync("people", "add", "--email", "ana@sosep.gob.gt", "--name", "Ana Pérez", "--Database:ConnectionString", database);
        var list = await RunAsync("people", "list", "--Database:ConnectionString", database);

        Assert.True(add.Code == 0, add.Output);
        Assert.Contains("ana@sosep.gob.gt\tAna Pérez", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseUnknown_CommandsOnly_RefusesSettingsAndNothing()
    {
        using var stderr = new StringWriter();

        Assert.Equal(2, await SosepCli.RefuseUnknownAsync(["--Urls", "http://127.0.0.1:1"], stderr, commandsOnly: true));
        Assert.Equal(2, await SosepCli.RefuseUnknownAsync([], stderr, commandsOnly: true));
        Assert.Null(await SosepCli.RefuseUnknownAsync(["people", "list"], stderr, commandsOnly: true));
        Assert.Null(await SosepCli.RefuseUnknownAsync(["--Urls", "http://127.0.0.1:1"], stderr));
    }

    private static async Task<(int Code, string Output, TimeSpan Elapsed)> RunAsync(params string[] args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "SosepBot.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("SosepBot.sln not found above the tests");
        }

        var start = new ProcessStartInfo(Path.Combine(root.FullName, "scripts", "sosep"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root.FullName,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr, clock.Elapsed);
    }
}
