using Microsoft.Extensions.Options;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Scheduling;

/// <summary>
/// Due dates of the steps on the business calendar. The clock stops while a request waits on its
/// requester and resumes, with the time that was left, when it comes back to the step it left.
/// </summary>
public sealed class TimeLimits(ProcedureCatalog catalog, BusinessCalendar calendar, IOptions<TimeLimitOptions> options)
{
    public TimeSpan? LimitFor(string procedureCode, string state)
    {
        if (options.Value.Hours.TryGetValue(procedureCode, out var states) && states.TryGetValue(state, out var hours))
        {
            return hours > 0 ? TimeSpan.FromHours(hours) : null;
        }

        return catalog.Get(procedureCode).State(state).TimeLimit;
    }

    /// <summary>
    /// Sets <see cref="Request.DueAt"/> for the state the request just entered from <paramref name="from"/>, marks the request
    /// <see cref="Request.LimitExceeded"/> when the step it left was past its limit, and keeps its business resolution time once closed.
    /// </summary>
    public void OnEntered(Request request, string? from, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = catalog.Get(request.ProcedureCode);
        var state = definition.State(request.State);
        if (from is not null && request.DueAt is { } left && calendar.IsOverdue(left, now))
        {
            request.LimitExceeded = true;
        }

        request.ResolutionBusinessSeconds = state.IsFinal ? (long)calendar.BusinessTimeBetween(request.CreatedAt, now).TotalSeconds : null;
        if (state.WaitsOnRequester && from is not null && request.DueAt is { } due)
        {
            request.PausedState = from;
            request.PausedRemainingSeconds = (long)calendar.BusinessTimeBetween(now, due).TotalSeconds;
            request.DueAt = null;
            return;
        }

        if (state.WaitsOnRequester || state.IsFinal)
        {
            request.DueAt = null;
            return;
        }

        if (request.PausedState == request.State && request.PausedRemainingSeconds is { } remaining)
        {
            request.DueAt = calendar.AddBusinessHours(now, TimeSpan.FromSeconds(remaining)).ToUniversalTime();
        }
        else
        {
            request.DueAt = LimitFor(request.ProcedureCode, request.State) is { } limit
                ? calendar.AddBusinessHours(now, limit).ToUniversalTime()
                : null;
        }

        request.PausedState = null;
        request.PausedRemainingSeconds = null;
    }

    public bool IsOverdue(Request request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.DueAt is { } due && calendar.IsOverdue(due, now);
    }
}
