using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Procedures;

/// <summary>The person acting, with the roles they hold now and the channel they act from.</summary>
public sealed record Actor(long PersonId, string DisplayName, IReadOnlySet<Role> Roles, Channel Channel)
{
    public bool Holds(Role role) => Roles.Contains(role);

    public bool IsItStaff => Roles.Any(RoleNames.ItStaff.Contains);

    /// <summary>The IT director or an administrator: the scheduled jobs and their dashboard.</summary>
    public bool IsJobOperator => Roles.Any(RoleNames.JobOperators.Contains);

    /// <summary>Refuses (403) anybody outside the IT unit: "Solo el personal de la Unidad de Informática {does}."</summary>
    public void EnsureItStaff(string does)
    {
        if (!IsItStaff)
        {
            throw new DomainException(ErrorKind.Forbidden, ProcedureTexts.OnlyItStaff(does));
        }
    }
}
