namespace SosepBot.Jobs.Maintenance;

/// <summary>What one maintenance run did: visits created from plans, units notified, reminders queued.</summary>
public sealed record MaintenanceRun(int Created, int Notified, int Reminded);
