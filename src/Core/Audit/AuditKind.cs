namespace SosepBot.Core.Audit;

public enum AuditKind
{
    Created = 1,
    Transition = 2,
    Comment = 3,
    Attachment = 4,
}
