using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

/// <summary>
/// Who may have a request's personal data (the form's CUI and NIT, DPI and NIT copies, signed and generated forms):
/// its requester, the people it names (assignee, designated testers, whoever acted on it), and the holders of the
/// roles that act on its procedure's steps — not every member of the IT unit.
/// </summary>
public static class PersonalDataAccess
{
    /// <summary>History entries that make a person one "who acted on the request".</summary>
    public static readonly IReadOnlyList<AuditKind> ActedKinds = [AuditKind.Created, AuditKind.Transition];

    public static bool Carries(AttachmentKind kind) =>
        kind is AttachmentKind.FormularioFirmado or AttachmentKind.FormularioParaFirma or AttachmentKind.CopiaDpi or AttachmentKind.CopiaNit;

    public static bool Allows(Actor actor, Request request, ProcedureDefinition definition, bool isTester, bool hasActed)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(definition);
        return request.RequesterId == actor.PersonId || request.AssigneeId == actor.PersonId || isTester || hasActed
            || definition.ActingRoles.Any(actor.Holds);
    }

    public static DomainException Refusal() => new(ErrorKind.Forbidden,
        RequestTexts.PersonalData);
}
