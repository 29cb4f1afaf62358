using SosepBot.Core.People;

namespace SosepBot.Web.Console;

/// <summary>A page only people holding one of these roles may open; anybody else gets the Spanish 403 page.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class OnlyForAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}
