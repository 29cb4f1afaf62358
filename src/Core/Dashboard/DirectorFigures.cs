namespace SosepBot.Core.Dashboard;

/// <summary>The IT director's figures, computed by <see cref="DirectorDashboard"/> for the console, the digest mail and its Teams card.</summary>
public sealed record DirectorFigures
{
    /// <summary>When they were computed.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The period the digest reports on: [From, To).</summary>
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required PeriodCounts Period { get; init; }

    /// <summary>The period of the same length just before it.</summary>
    public required PeriodCounts Previous { get; init; }

    /// <summary>The last weeks (local Monday to Sunday), oldest first; the last one is the week of <see cref="To"/>.</summary>
    public required IReadOnlyList<WeekLine> Weeks { get; init; }

    /// <summary>Open requests by procedure and state.</summary>
    public required IReadOnlyList<BacklogLine> Backlog { get; init; }

    /// <summary>Requests closed during <see cref="Weeks"/>, by procedure.</summary>
    public required IReadOnlyList<ComplianceLine> ByProcedure { get; init; }

    /// <summary>Requests closed during <see cref="Weeks"/>, by technician (the assignee when closed).</summary>
    public required IReadOnlyList<ComplianceLine> ByTechnician { get; init; }

    /// <summary>Requests closed in the period, by technician.</summary>
    public required IReadOnlyList<ComplianceLine> PeriodByTechnician { get; init; }

    /// <summary>The open requests longest past their step's time limit.</summary>
    public required IReadOnlyList<OverdueLine> OldestOverdue { get; init; }

    /// <summary>First instant of <see cref="Weeks"/>.</summary>
    public DateTimeOffset WindowStart => Weeks[0].Start;

    public ComplianceLine WindowTotal => ComplianceLine.Total(ByProcedure);

    public ComplianceLine PeriodTotal => ComplianceLine.Total(PeriodByTechnician);

    public int OpenTotal => Backlog.Sum(b => b.Open);

    public int OverdueTotal => Backlog.Sum(b => b.Overdue);

    public sealed record PeriodCounts(int Opened, int Closed);

    /// <summary>One week: <paramref name="Start"/> is the instant of its local <paramref name="Monday"/> 00:00.</summary>
    public sealed record WeekLine(DateOnly Monday, DateTimeOffset Start, int Opened, int Closed);

    public sealed record BacklogLine(string Code, string Name, string State, int Open, int Overdue);

    /// <summary>
    /// Closed requests of one procedure or technician: how many, how many within every step's time limit, and their
    /// summed business resolution time over the <paramref name="Timed"/> ones that carry it.
    /// </summary>
    public sealed record ComplianceLine(string Key, string Name, int Closed, int WithinLimit, int Timed, long BusinessSeconds)
    {
        /// <summary>Share closed within the time limit (0–1); null when nothing closed.</summary>
        public double? WithinShare => Closed == 0 ? null : (double)WithinLimit / Closed;

        /// <summary>Average resolution time in business hours; null when no closed request carries it.</summary>
        public double? AverageBusinessHours => Timed == 0 ? null : BusinessSeconds / 3600.0 / Timed;

        public static ComplianceLine Total(IEnumerable<ComplianceLine> lines)
        {
            ArgumentNullException.ThrowIfNull(lines);
            var all = lines.ToList();
            return new ComplianceLine(string.Empty, DashboardTexts.Labels.Total, all.Sum(l => l.Closed), all.Sum(l => l.WithinLimit),
                all.Sum(l => l.Timed), all.Sum(l => l.BusinessSeconds));
        }
    }

    /// <summary>An open overdue request; <paramref name="Overdue"/> is business time past <paramref name="DueAt"/>.</summary>
    public sealed record OverdueLine(string Number, string Title, string ProcedureCode, string State, string? Assignee, DateTimeOffset DueAt, TimeSpan Overdue);
}
