using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Persistence;
using SosepBot.Core.Units;

namespace SosepBot.Core.People;

/// <summary>
/// Applies Entra ID group membership to people and roles (DESIGN §2: where Microsoft Graph is configured, roles are
/// synced from Entra ID groups). The roles mapped to groups are MANAGED: afterwards exactly the groups' enabled
/// members hold them — granted to members, revoked from everybody else. Roles no group maps stay as the command line
/// left them. Members are matched by Entra object id, then by e-mail (linking the two), and registered when new;
/// a member whose account is disabled is deactivated. A member's department names their unit (registered as a
/// central office when unknown). One transaction: all of it or nothing.
/// </summary>
public sealed partial class DirectorySync(SosepDbContext db, TimeProvider time, ILogger<DirectorySync> logger)
{
    public async Task<DirectorySyncResult> ApplyAsync(IReadOnlyCollection<DirectoryPerson> members, IReadOnlySet<Role> managed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(managed);
        return await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            // Each member's department names their unit: units nobody registered yet are registered now, as central offices.
            var units = await new UnitService(db, time).EnsureAllAsync(
                members.Select(m => Blank(m.Department)).OfType<string>().Select(d => (d, UnitKind.OficinaCentral)), ct);

            var people = await db.People.Include(p => p.Roles).ToListAsync(ct);
            var byObjectId = people.Where(p => p.AadObjectId is not null).ToDictionary(p => p.AadObjectId!, StringComparer.OrdinalIgnoreCase);
            var byEmail = people.ToDictionary(p => p.Email, StringComparer.Ordinal);
            var wanted = new Dictionary<Person, IReadOnlySet<Role>>();
            int created = 0, updated = 0, granted = 0, revoked = 0, deactivated = 0, skipped = 0;
            foreach (var member in members.DistinctBy(m => m.ObjectId, StringComparer.OrdinalIgnoreCase))
            {
                var email = member.Email is { } e && e.Contains('@', StringComparison.Ordinal) ? PeopleService.NormalizeEmail(e) : null;
                var person = byObjectId.GetValueOrDefault(member.ObjectId) ?? (email is null ? null : byEmail.GetValueOrDefault(email));
                if (person is null)
                {
                    if (email is null || !member.Enabled)
                    {
                        skipped++;
                        continue;
                    }

                    person = new Person
                    {
                        Email = email,
                        DisplayName = member.DisplayName.Trim(),
                        AadObjectId = member.ObjectId,
                        CreatedAt = time.GetUtcNow(),
                    };
                    if (UnitOf(member, units) is { } unit)
                    {
                        UnitService.Join(person, unit);
                    }

                    db.People.Add(person);
                    byEmail[email] = person;
                    created++;
                }
                else if (Refresh(person, member, UnitOf(member, units)))
                {
                    updated++;
                }

                if (!member.Enabled && person.IsActive)
                {
                    person.IsActive = false;
                    deactivated++;
                }

                wanted[person] = member.Enabled ? member.Roles : new HashSet<Role>();
            }

            foreach (var person in byEmail.Values)
            {
                var roles = wanted.GetValueOrDefault(person) ?? new HashSet<Role>();
                foreach (var role in managed)
                {
                    if (roles.Contains(role) && !person.Holds(role))
                    {
                        person.Roles.Add(new PersonRole { Role = role });
                        granted++;
                    }
                    else if (!roles.Contains(role) && person.Holds(role))
                    {
                        person.Roles.RemoveAll(r => r.Role == role);
                        revoked++;
                    }
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            var result = new DirectorySyncResult(created, updated, granted, revoked, deactivated, skipped);
            LogApplied(logger, members.Count, created, updated, granted, revoked, deactivated, skipped);
            return result;
        }, cancellationToken);
    }

    private static Unit? UnitOf(DirectoryPerson member, IReadOnlyDictionary<string, Unit> units) =>
        Blank(member.Department) is { } department ? units[UnitNames.Key(department)] : null;

    /// <summary>Name, unit (from the department) and the object id from the directory; true when something changed.</summary>
    private static bool Refresh(Person person, DirectoryPerson member, Unit? unit)
    {
        var changed = false;
        if (!string.IsNullOrWhiteSpace(member.DisplayName) && person.DisplayName != member.DisplayName.Trim())
        {
            person.DisplayName = member.DisplayName.Trim();
            changed = true;
        }

        if (unit is not null && (person.UnitId != unit.Id || person.Unit != unit.Name))
        {
            UnitService.Join(person, unit);
            changed = true;
        }

        if (!string.Equals(person.AadObjectId, member.ObjectId, StringComparison.OrdinalIgnoreCase))
        {
            person.AadObjectId = member.ObjectId;
            changed = true;
        }

        return changed;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory sync: {Members} member(s); {Created} registered, {Updated} updated, {Granted} role(s) granted, {Revoked} revoked, {Deactivated} deactivated, {Skipped} skipped (no mail)")]
    private static partial void LogApplied(ILogger logger, int members, int created, int updated, int granted, int revoked, int deactivated, int skipped);
}
