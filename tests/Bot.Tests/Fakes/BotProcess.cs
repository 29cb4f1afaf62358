using System.Diagnostics;
using System.Text;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>The real service in its own process (as scripts/run.sh starts it), on a fresh database of the run's engine.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly bool _ownsDatabase = true;
    private Process? _process;
    private string[] _settings = [];

    public BotProcess()
    {
        Directory.CreateDirectory(WorkDirectory);
        Database = Task.Run(() => TestKit.TestServerDatabases.NewAsync(WorkDirectory)).GetAwaiter().GetResult();
        AttachmentsDirectory = Path.Combine(WorkDirectory, "attachments");
    }

    /// <summary>One of several instances on a database made (and dropped) by the caller, with its attachments in <paramref name="attachments"/>.</summary>
    public BotProcess(IReadOnlyDictionary<string, string?> database, string attachments)
    {
        Directory.CreateDirectory(WorkDirectory);
        Database = database;
        AttachmentsDirectory = attachments;
        _ownsDatabase = false;
    }

    /// <summary>Database:Provider and Database:ConnectionString of the service's database.</summary>
    public IReadOnlyDictionary<string, string?> Database { get; }

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "sosepbot-e2e", Guid.NewGuid().ToString("N"));

    public string ConnectionString => Database["Database:ConnectionString"]!;

    public string Provider => Database["Database:Provider"]!;

    public string AttachmentsDirectory { get; }

    /// <summary>Environment variables of the service's processes (and of its CLI's), besides this process's own.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public bool HasExited => _process is null || _process.HasExited;

    public int Port { get; } = AgentsPlayground.FreePort();

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs a command of the service's CLI on the same database; returns its exit code.</summary>
    public async Task<int> CliAsync(params string[] args) => (await CliOutputAsync(args)).Exit;

    /// <summary>Runs a command of the service's CLI on the same database; returns its exit code and what it printed on stdout.</summary>
    public async Task<(int Exit, string Stdout)> CliOutputAsync(params string[] args)
    {
        using var process = Process.Start(Start([.. args, "--Database:Provider", Provider, "--Database:ConnectionString", ConnectionString]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var all = await stdout + await stderr;
        lock (_output)
        {
            _output.AppendLine(all);
        }

        return (process.ExitCode, (await stdout).Trim());
    }

    public async Task StartAsync(params string[] settings)
    {
        _settings = settings;
        _process?.Dispose();
        _process = Process.Start(Start(["--Urls", $"http://127.0.0.1:{Port}", "--Database:Provider", Provider, "--Database:ConnectionString", ConnectionString, "--Attachments:Directory", AttachmentsDirectory, .. settings]))!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/health"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not yet listening
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The service did not start: " + Output);
    }

    /// <summary>SIGKILL of the service (no shutdown, like a power cut); <see cref="RestartAsync"/> starts it again.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    /// <summary>Starts the service again with the settings of the last <see cref="StartAsync"/>, on the same port.</summary>
    public Task RestartAsync() => StartAsync(_settings);

    private ProcessStartInfo Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = WorkDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SosepBot.Bot.dll"));
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_ownsDatabase)
        {
            await TestKit.TestServerDatabases.DropAsync(Database);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left to the temp cleaner
        }
    }
}
