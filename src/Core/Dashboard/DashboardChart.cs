namespace SosepBot.Core.Dashboard;

/// <summary>The director's charts.</summary>
public enum DashboardChart
{
    /// <summary>Opened and closed per week.</summary>
    Weekly = 1,

    /// <summary>Open requests (and overdue ones) by procedure.</summary>
    Backlog = 2,

    /// <summary>Share closed within the time limit by procedure.</summary>
    Compliance = 3,
}
