namespace SosepBot.Core.Scheduled;

/// <summary>
/// A recurring visit to one unit within a DS-UI-03 calendar, as an RFC 5545 recurrence rule
/// ("FREQ=MONTHLY;INTERVAL=6", "FREQ=MONTHLY;BYDAY=1MO"). The maintenance job creates its visits
/// (DS-UI-03-VISITA requests) ahead of time, once per occurrence.
/// </summary>
public sealed class MaintenancePlan
{
    public long Id { get; set; }

    /// <summary>The DS-UI-03 calendar request the visits belong to.</summary>
    public long CalendarId { get; set; }

    /// <summary>The unit's name (as when the plan was drawn up or last changed).</summary>
    public required string Unit { get; set; }

    /// <summary>The registered unit visited; its head, contacts and shared mailbox receive the reminders.</summary>
    public long? UnitId { get; set; }

    /// <summary>
    /// Requester of each visit (who may hand in the signed conformity form): the contact named, else the unit's head when
    /// the plan was drawn up, else whoever drew it up.
    /// </summary>
    public long ContactId { get; set; }

    /// <summary>The technician of each visit.</summary>
    public long TechnicianId { get; set; }

    /// <summary>Who drew up the plan (IT director, technician or assistant); the visits are opened in their name.</summary>
    public long CreatedById { get; set; }

    /// <summary>RFC 5545 RRULE value, without the "RRULE:" prefix.</summary>
    public required string Rule { get; set; }

    /// <summary>The first visit (DTSTART), on the offices' wall clock.</summary>
    public DateTime FirstVisitLocal { get; set; }

    /// <summary>How far ahead visits are created.</summary>
    public int HorizonDays { get; set; } = 60;

    public bool IsActive { get; set; } = true;

    /// <summary>When the plan was ended (no more visits are created from it).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
