using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SosepBot.Core.Persistence;
using SosepBot.Core.Teams;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>
/// Keeps the bot's calls within Teams' per-conversation limits (7 per second, 60 per 30 seconds, 1,800 per hour by
/// default) across every instance on the database: the pace is shared in <see cref="TeamsConversationPace"/>, one row
/// per conversation, and a call takes its place with one conditional update. Each window is a generic cell rate
/// algorithm with a burst (the whole limit for the second, half of it for the longer windows) and the rest spread over the window, so that no window of that length
/// ever holds more calls than the limit. A call that would exceed a window waits until it may go.
/// </summary>
public sealed class ConversationRateLimiter(IServiceScopeFactory scopes, IGroupCommit gate, IOptions<BotConnectorOptions> options, TimeProvider time)
{
    public async Task WaitAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var limits = options.Value.RateLimit;
        if (limits is { PerSecond: 0, Per30Seconds: 0, PerHour: 0 })
        {
            return;
        }

        // The second's whole limit at once (a burst of replies to one message goes without a pause); the longer windows
        // half theirs, the rest spread over them.
        var second = Window.Of(TimeSpan.FromSeconds(1), limits.PerSecond, limits.PerSecond);
        var halfMinute = Window.Of(TimeSpan.FromSeconds(30), limits.Per30Seconds, (limits.Per30Seconds + 1) / 2);
        var hour = Window.Of(TimeSpan.FromHours(1), limits.PerHour, (limits.PerHour + 1) / 2);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SosepDbContext>();
        while (true)
        {
            var now = time.GetUtcNow().UtcTicks;
            var (s, h, r) = (now + second.Tolerance, now + halfMinute.Tolerance, now + hour.Tolerance);
            var taken = await gate.RunAsync(() => db.ConversationSendPaces
                .Where(p => p.ConversationId == conversationId && p.SecondFullAt <= s && p.HalfMinuteFullAt <= h && p.HourFullAt <= r)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(p => p.SecondFullAt, p => (p.SecondFullAt > now ? p.SecondFullAt : now) + second.Interval)
                    .SetProperty(p => p.HalfMinuteFullAt, p => (p.HalfMinuteFullAt > now ? p.HalfMinuteFullAt : now) + halfMinute.Interval)
                    .SetProperty(p => p.HourFullAt, p => (p.HourFullAt > now ? p.HourFullAt : now) + hour.Interval), cancellationToken), cancellationToken);
            if (taken == 1)
            {
                return;
            }

            // Read to the end (not FirstOrDefault): on SQLite a statement left mid-read keeps its snapshot on the pooled
            // connection, and that connection's next write would then wait for ever on another instance's commit.
            var pace = (await db.ConversationSendPaces.AsNoTracking().Where(p => p.ConversationId == conversationId).ToListAsync(cancellationToken)).SingleOrDefault();
            if (pace is null)
            {
                if (await TryStartAsync(new TeamsConversationPace
                {
                    ConversationId = conversationId,
                    SecondFullAt = now + second.Interval,
                    HalfMinuteFullAt = now + halfMinute.Interval,
                    HourFullAt = now + hour.Interval,
                }, cancellationToken))
                {
                    return;
                }

                continue;
            }

            // The call may go when every window has room again.
            var wait = Math.Max(pace.SecondFullAt - s, Math.Max(pace.HalfMinuteFullAt - h, pace.HourFullAt - r));
            await Task.Delay(TimeSpan.FromTicks(Math.Max(wait, TimeSpan.TicksPerMillisecond)), time, cancellationToken);
        }
    }

    /// <summary>The conversation's first call: its row, unless another instance made it meanwhile (then false).</summary>
    private async Task<bool> TryStartAsync(TeamsConversationPace pace, CancellationToken cancellationToken)
    {
        try
        {
            return await gate.CommitAsync(async (g, t) =>
            {
                await g.InsertAsync([pace], t);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>
    /// One window's pace: a call every <see cref="Interval"/> ticks, with <see cref="Tolerance"/> ticks of advance (a
    /// burst). With a burst of b ≤ max and an interval of ⌈window / (max − b + 1)⌉, a window of that length holds at
    /// most b − 1 + (max − b + 1) = max calls. A window switched off (0) never holds a call back.
    /// </summary>
    private readonly record struct Window(long Interval, long Tolerance)
    {
        public static Window Of(TimeSpan window, int max, int burst)
        {
            if (max <= 0)
            {
                return new Window(0, TimeSpan.FromDays(3650).Ticks);
            }

            var interval = (window.Ticks + max - burst) / (max - burst + 1); // rounded up
            return new Window(interval, (burst - 1) * interval);
        }
    }
}
