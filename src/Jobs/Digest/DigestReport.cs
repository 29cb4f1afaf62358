using SosepBot.Core.Dashboard;

namespace SosepBot.Jobs.Digest;

/// <summary>The numbers of one digest, computed by <see cref="DigestBuilder"/> and rendered by <see cref="DigestRenderer"/>.</summary>
public sealed record DigestReport
{
    /// <summary>"diario" or "semanal".</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required IReadOnlyList<ProcedureLine> Procedures { get; init; }

    /// <summary>The director's figures for the period (the console's dashboard shows the same).</summary>
    public required DirectorFigures Figures { get; init; }

    public int Opened => Procedures.Sum(p => p.Opened);

    public int Closed => Procedures.Sum(p => p.Closed);

    public int Open => Procedures.Sum(p => p.Open);

    public int Overdue => Procedures.Sum(p => p.Overdue);

    public required IReadOnlyList<RequestLine> OldestOverdue { get; init; }

    public required IReadOnlyList<RequestLine> OldestOpen { get; init; }

    public required IReadOnlyList<WorkloadLine> Workload { get; init; }

    public required int UpcomingVisitCount { get; init; }

    public required IReadOnlyList<VisitLine> UpcomingVisits { get; init; }

    public required int UpcomingVisitDays { get; init; }

    /// <summary>Visits whose date passed and that are not recorded as done.</summary>
    public required int LateVisits { get; init; }

    public required int DeadLetters { get; init; }

    public required IReadOnlyList<DeadLetterLine> RecentDeadLetters { get; init; }

    /// <summary>Mail waiting in quarantine; null when no mailbox reports it.</summary>
    public int? Quarantined { get; init; }

    /// <summary>Nothing opened or closed in the period.</summary>
    public bool NothingNew => Opened == 0 && Closed == 0;

    public sealed record ProcedureLine(string Code, string Name, int Opened, int Closed, int Open, int Overdue);

    /// <summary>An open request; <paramref name="Age"/> is business time overdue (overdue list) or calendar time open (oldest list).</summary>
    public sealed record RequestLine(string Number, string Title, string ProcedureCode, string State, string? Assignee, DateTimeOffset Since, TimeSpan Age);

    public sealed record WorkloadLine(string Name, int Open, int Overdue);

    public sealed record VisitLine(string Number, string? Unit, DateTimeOffset ScheduledFor, string? Technician, string State);

    public sealed record DeadLetterLine(string Kind, string? RequestNumber, string Channel, string? Error);
}
