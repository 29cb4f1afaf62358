using SosepBot.Core.Attachments;
using SosepBot.Core.Requests;

namespace SosepBot.Bot.Api;

/// <summary>Body of POST /api/requests.</summary>
public sealed record CreateRequestBody(
    string? Procedure,
    string? Title,
    string? Description,
    string? RequesterEmail,
    string? ParentNumber,
    FormData? Form,
    EquipmentData? Equipment,
    Priority? Priority,
    string? Unit,
    DateTimeOffset? ScheduledFor,
    string? AssigneeEmail,
    Channel? Channel,
    long? UnitId = null);

/// <summary>Body of POST /api/requests/{number}/actions/{action}; every field optional.</summary>
public sealed record ActionBody(
    string? Text,
    string? AssigneeEmail,
    Priority? Priority,
    DateOnly? PlannedEnd,
    DateTimeOffset? ScheduledFor,
    EquipmentData? Equipment,
    IReadOnlyList<string>? Checklist,
    int? ExpectedVersion,
    IReadOnlyList<string>? TesterEmails = null);

/// <summary>Body of POST /api/requests/{number}/comments.</summary>
public sealed record CommentBody(string? Text);

/// <summary>GET /api/me.</summary>
public sealed record MeResponse(long Id, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> RoleNames, string Notices);

/// <summary>Body of PUT /api/me/notices.</summary>
public sealed record NoticesBody(string? Mode);

/// <summary>Answer of PUT /api/me/notices: the mode and what it means.</summary>
public sealed record NoticesResponse(string Mode, string Description);

/// <summary>Kinds of attachment accepted by POST .../attachments, for clients to list.</summary>
public sealed record AttachmentKindInfo(AttachmentKind Kind, string Name);

/// <summary>Body of POST /api/jobs/{name}/run; optional.</summary>
/// <param name="Resend">Send today's digest again although it went out already (the digests only).</param>
public sealed record RunJobBody(bool? Resend);

/// <summary>Body of POST /api/units and PUT /api/units/{id} (on PUT, a field left out keeps its value; "" removes the head or the mailbox).</summary>
public sealed record UnitBody(
    string? Name,
    string? Kind,
    string? Department,
    string? HeadEmail,
    IReadOnlyList<string>? Contacts,
    string? SharedMailbox);

/// <summary>Body of POST /api/units/{id}/contacts.</summary>
public sealed record UnitContactBody(string? Email);

/// <summary>Body of POST /api/maintenance/plans.</summary>
public sealed record MaintenancePlanBody(
    string? CalendarNumber,
    long? UnitId,
    string? Unit,
    string? ContactEmail,
    string? TechnicianEmail,
    string? Rule,
    DateTime? FirstVisit,
    int? HorizonDays);
