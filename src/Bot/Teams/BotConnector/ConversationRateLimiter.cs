using Microsoft.Extensions.Options;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>
/// Keeps the bot's calls within Teams' per-conversation limits (7 per second, 60 per 30 seconds, 1,800 per
/// hour by default): a call that would exceed a window waits until it may go.
/// </summary>
public sealed class ConversationRateLimiter(IOptions<BotConnectorOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public async Task WaitAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var limits = options.Value.RateLimit;
        (TimeSpan Window, int Max)[] windows =
        [
            (TimeSpan.FromSeconds(1), limits.PerSecond),
            (TimeSpan.FromSeconds(30), limits.Per30Seconds),
            (Hour, limits.PerHour),
        ];
        windows = windows.Where(w => w.Max > 0).ToArray();
        if (windows.Length == 0)
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                Sweep(now);
                if (!_calls.TryGetValue(conversationId, out var stamps))
                {
                    stamps = new Queue<DateTimeOffset>();
                    _calls[conversationId] = stamps;
                }

                while (stamps.Count > 0 && now - stamps.Peek() >= Hour)
                {
                    stamps.Dequeue();
                }

                wait = TimeSpan.Zero;
                var ordered = stamps.ToArray();
                foreach (var (window, max) in windows)
                {
                    var inWindow = ordered.Count(s => now - s < window);
                    if (inWindow >= max)
                    {
                        // The call may go when the oldest call that keeps the window full leaves it.
                        var blocking = ordered.Where(s => now - s < window).ElementAt(inWindow - max);
                        var until = blocking + window - now;
                        wait = until > wait ? until : wait;
                    }
                }

                if (wait <= TimeSpan.Zero)
                {
                    stamps.Enqueue(now);
                    return;
                }
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(5))
        {
            return;
        }

        _lastSweep = now;
        foreach (var key in _calls.Where(kv => kv.Value.Count == 0 || now - kv.Value.Last() >= Hour).Select(kv => kv.Key).ToList())
        {
            _calls.Remove(key);
        }
    }
}
