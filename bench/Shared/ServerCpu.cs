using System.Globalization;

namespace SosepBot.Bench;

/// <summary>
/// The CPU time used so far by a server's processes on this machine (Linux: every process of the given names in /proc,
/// user and system time, with that of their children that ended — a server's per-connection processes, such as
/// Dovecot's «imap», end with their connection and are counted in their parent then), so that a benchmark can report
/// the server's share next to its own. By default the database server («postgres»); zero where there is no such
/// process (SQLite runs inside the benchmark's own process). Only meaningful while the benchmark is the server's only
/// client.
/// </summary>
public static class ServerCpu
{
    /// <summary>Clock ticks per second of /proc's times (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Total() => Total("postgres");

    /// <summary>The CPU time of the processes named <paramref name="names"/> (and of their ended children).</summary>
    public static TimeSpan Total(params string[] names)
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
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                if (close < 0 || open < 0 || !names.Contains(stat[(open + 1)..close], StringComparer.Ordinal))
                {
                    continue;
                }

                // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
                var fields = stat[(close + 2)..].Split(' ');
                // utime, stime, cutime, cstime.
                ticks += fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
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
