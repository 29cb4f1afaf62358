using SosepBot.Core.People;
using SosepBot.Core.Procedures;

namespace SosepBot.Web.Console;

/// <summary>
/// A page only the IT unit's staff may open — or, when <see cref="Roles"/> are named, only people holding one of them;
/// anybody else gets the Spanish 403 page.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StaffOnlyAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;

    public bool Admits(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Roles.Count == 0 ? actor.IsItStaff : Roles.Any(actor.Holds);
    }
}
