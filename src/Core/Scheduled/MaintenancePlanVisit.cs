namespace SosepBot.Core.Scheduled;

/// <summary>One occurrence of a <see cref="MaintenancePlan"/> and the visit created for it; (plan, occurrence) is unique.</summary>
public sealed class MaintenancePlanVisit
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    /// <summary>The occurrence on the offices' wall clock, as the rule produced it (rescheduling the visit does not change it).</summary>
    public DateTime OccurrenceLocal { get; set; }

    public long VisitId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
