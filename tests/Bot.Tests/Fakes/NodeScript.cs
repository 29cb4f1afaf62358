using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>Runs a browser script of the tests (Node.js with playwright-core) and reads the JSON object it prints last.</summary>
public static class NodeScript
{
    /// <summary>
    /// Runs <paramref name="script"/> (relative to the test output folder) with <paramref name="args"/>, killed after
    /// <paramref name="timeout"/>; answers its exit code and its last output line as JSON, or {"ok": false, "error": …}
    /// with everything it printed when that line is not JSON.
    /// </summary>
    public static async Task<(int Exit, JsonObject Result)> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, script));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var stop = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = (await stdout).Trim();
        var last = output.Split('\n')[^1];
        return (process.ExitCode, last.StartsWith('{') ? JsonNode.Parse(last)!.AsObject() : new JsonObject { ["ok"] = false, ["error"] = output + await stderr });
    }
}
