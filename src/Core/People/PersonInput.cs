namespace SosepBot.Core.People;

/// <summary>A person as configured or typed by an administrator.</summary>
public sealed record PersonInput
{
    public required string Email { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The unit to join; null or blank keeps the person's unit (see <see cref="LeavesUnit"/>).</summary>
    public string? Unit { get; init; }

    /// <summary>With no <see cref="Unit"/>: takes the person out of their unit (their departmental-site mark stays).</summary>
    public bool LeavesUnit { get; init; }

    public bool IsDepartmentalSite { get; init; }

    public string? AadObjectId { get; init; }

    /// <summary>Role names in English or Spanish ("Technician", "Técnico de Hardware y Software").</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}
