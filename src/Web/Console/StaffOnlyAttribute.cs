namespace SosepBot.Web.Console;

/// <summary>A page only the IT unit's staff may open; anybody else gets the Spanish 403 page.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StaffOnlyAttribute : Attribute;
