using System.Globalization;

namespace SosepBot.Bench;

/// <summary>
/// The CPU time used so far by the database server's processes on this machine (Linux: every process named
/// «postgres» in /proc, user and system time), so that a benchmark can report the server's share of a turn next to
/// its own. Zero where there is no such process (SQLite runs inside the benchmark's own process). Only meaningful
/// while the benchmark is the server's only client.
/// </summary>
public static class ServerCpu
{
    /// <summary>Clock ticks per second of /proc's times (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Total()
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!long.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (close < 0 || stat.IndexOf("(postgres)", StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we read it.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
