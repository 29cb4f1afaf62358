namespace SosepBot.Core.People;

/// <summary>
/// A member of the Entra ID groups mapped to roles, as the directory knows them: object id, mail (or user principal
/// name), name, department, whether the account is enabled, and the roles their groups give.
/// </summary>
public sealed record DirectoryPerson(string ObjectId, string? Email, string DisplayName, string? Department, bool Enabled, IReadOnlySet<Role> Roles);
