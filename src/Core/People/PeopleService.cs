using System.Net.Mail;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Errors;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.SignIn;
using SosepBot.Core.Units;

namespace SosepBot.Core.People;

/// <summary>People, their roles and their API keys.</summary>
public sealed class PeopleService(SosepDbContext db, TimeProvider time)
{
    private const string KeyScheme = "sk";

    private static readonly Func<SosepDbContext, string, CancellationToken, Task<Person?>> ByObjectId =
        EF.CompileAsyncQuery((SosepDbContext d, string objectId, CancellationToken ct) =>
            d.People.AsNoTracking().Include(p => p.Roles).FirstOrDefault(p => p.AadObjectId == objectId));

    public async Task<Person?> FindAsync(long id, CancellationToken cancellationToken) =>
        await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        return await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.Email == normalized, cancellationToken);
    }

    /// <summary>
    /// The person with this Entra object id, with their roles, read only (not tracked). Every Teams turn and every API
    /// call with an Entra token asks it: compiled once, so no expression tree is built and looked up per call.
    /// </summary>
    public Task<Person?> FindByAadObjectIdAsync(string objectId, CancellationToken cancellationToken) =>
        ByObjectId(db, objectId, cancellationToken);

    /// <summary>The active person of an Entra ID token or sign-in (its raw claims: oid, preferred_username or email).</summary>
    public Task<Person?> FindSignedInAsync(ClaimsPrincipal entraUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entraUser);
        return FindSignedInAsync(entraUser.FindFirst(SignInClaims.EntraObjectId)?.Value,
            entraUser.FindFirst(SignInClaims.EntraUserName)?.Value ?? entraUser.FindFirst(SignInClaims.EntraEmail)?.Value, cancellationToken);
    }

    /// <summary>
    /// The active person an Entra ID sign-in names (an API token or the console's OpenID Connect sign-in): by object id,
    /// then by e-mail (the UPN or mail claim); null when nobody active matches.
    /// </summary>
    public async Task<Person?> FindSignedInAsync(string? objectId, string? email, CancellationToken cancellationToken)
    {
        var person = string.IsNullOrWhiteSpace(objectId) ? null : await FindByAadObjectIdAsync(objectId, cancellationToken);
        if (person is null && !string.IsNullOrWhiteSpace(email))
        {
            try
            {
                person = await FindByEmailAsync(email, cancellationToken);
            }
            catch (DomainException)
            {
                person = null; // not an e-mail address
            }
        }

        return person is { IsActive: true } ? person : null;
    }

    /// <summary>
    /// People whose name or e-mail has a word beginning with each word of <paramref name="search"/> (accents and case
    /// aside: «per ana» finds «Ana Pérez»), by folded name, at most <paramref name="take"/>; everybody (by name) when it is empty.
    /// A database query on the folded <see cref="Person.SearchName"/>; with <paramref name="role"/>, only those holding it.
    /// </summary>
    public async Task<IReadOnlyList<Person>> SearchAsync(string? search, int take, bool activeOnly, Role? role, CancellationToken cancellationToken) =>
        await Matching(search, activeOnly, role).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);

    /// <summary>
    /// One page of <see cref="SearchAsync"/>'s people, active or not (page 1 first, <paramref name="pageSize"/> a page),
    /// with how many match in all; a page past the last is the last.
    /// </summary>
    public async Task<PeoplePage> SearchPageAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, 500);
        var query = Matching(search, activeOnly: false, role: null);
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var people = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PeoplePage(people, total, page, pages);
    }

    private IQueryable<Person> Matching(string? search, bool activeOnly, Role? role)
    {
        var query = db.People.AsNoTracking().Include(p => p.Roles).AsQueryable();
        foreach (var word in SearchText.Words(search).Take(8))
        {
            var start = " " + word;
            query = query.Where(p => p.SearchName.Contains(start));
        }

        if (activeOnly)
        {
            query = query.Where(p => p.IsActive);
        }

        if (role is { } held)
        {
            query = query.Where(p => p.Roles.Any(r => r.Role == held));
        }

        return query.OrderBy(p => p.SearchName).ThenBy(p => p.Id);
    }

    public async Task<IReadOnlyList<Person>> ListAsync(CancellationToken cancellationToken) =>
        await db.People.Include(p => p.Roles).AsNoTracking().OrderBy(p => p.Email).ToListAsync(cancellationToken);

    /// <summary>The actor for a person who is active; null otherwise.</summary>
    public static Actor? ActorOf(Person? person, Channel channel) =>
        person is { IsActive: true }
            ? new Actor(person.Id, person.DisplayName, person.Roles.Select(r => r.Role).ToHashSet(), channel)
            : null;

    /// <summary>Creates the person or updates name, unit and roles (the roles given replace the held ones).</summary>
    public async Task<Person> UpsertAsync(PersonInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var email = NormalizeEmail(input.Email);
        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            throw new DomainException(ErrorKind.Invalid, PeopleTexts.MissingName(email)) { Field = "nombre" };
        }

        var roles = ParseRoles(input.Roles);
        return await db.InTransactionAsync(async ct =>
        {
            var person = await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.Email == email, ct);
            if (person is null)
            {
                person = new Person { Email = email, DisplayName = input.DisplayName.Trim(), CreatedAt = time.GetUtcNow() };
                db.People.Add(person);
            }

            person.DisplayName = input.DisplayName.Trim();
            if (!string.IsNullOrWhiteSpace(input.Unit))
            {
                // The unit named, registered now (kind from the departmental-site mark) when nobody registered it yet.
                var unit = await new UnitService(db, time).EnsureAsync(input.Unit, KindOf(input), ct);
                UnitService.Join(person, unit);
            }
            else if (input.LeavesUnit)
            {
                person.UnitId = null;
                person.Unit = null;
            }
            else if (person.UnitId is null)
            {
                person.IsDepartmentalSite = input.IsDepartmentalSite;
            }

            person.AadObjectId = string.IsNullOrWhiteSpace(input.AadObjectId) ? person.AadObjectId : input.AadObjectId.Trim();
            person.IsActive = true;
            person.Roles.RemoveAll(r => !roles.Contains(r.Role));
            foreach (var role in roles.Where(r => !person.Holds(r)))
            {
                person.Roles.Add(new PersonRole { Role = role });
            }

            await db.SaveChangesAsync(ct);
            return person;
        }, cancellationToken);
    }

    /// <summary>
    /// Registers, in one save, the people of <paramref name="inputs"/> who are not registered yet (plain users with
    /// the roles given); those already registered are left as they are. Returns the people created.
    /// </summary>
    public async Task<IReadOnlyList<Person>> RegisterAsync(IReadOnlyCollection<PersonInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var wanted = new Dictionary<string, PersonInput>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var email = NormalizeEmail(input.Email);
            if (string.IsNullOrWhiteSpace(input.DisplayName))
            {
                throw new DomainException(ErrorKind.Invalid, PeopleTexts.MissingName(email)) { Field = "nombre" };
            }

            wanted.TryAdd(email, input);
        }

        var emails = wanted.Keys.ToList();
        var existing = await db.People.AsNoTracking().Where(p => emails.Contains(p.Email)).Select(p => p.Email).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async ct =>
        {
            var units = await new UnitService(db, time).EnsureAllAsync(
                wanted.Where(w => !existing.Contains(w.Key) && !string.IsNullOrWhiteSpace(w.Value.Unit)).Select(w => (w.Value.Unit!, KindOf(w.Value))), ct);

            var created = wanted.Where(w => !existing.Contains(w.Key)).Select(w => new Person
            {
                Email = w.Key,
                DisplayName = w.Value.DisplayName.Trim(),
                Unit = string.IsNullOrWhiteSpace(w.Value.Unit) ? null : w.Value.Unit.Trim(),
                IsDepartmentalSite = w.Value.IsDepartmentalSite,
                AadObjectId = string.IsNullOrWhiteSpace(w.Value.AadObjectId) ? null : w.Value.AadObjectId.Trim(),
                IsActive = true,
                CreatedAt = now,
                Roles = ParseRoles(w.Value.Roles).Select(r => new PersonRole { Role = r }).ToList(),
            }).ToList();
            foreach (var person in created.Where(p => p.Unit is not null))
            {
                UnitService.Join(person, units[UnitNames.Key(person.Unit!)]);
            }

            db.People.AddRange(created);
            await db.SaveChangesAsync(ct);
            return (IReadOnlyList<Person>)created;
        }, cancellationToken);
    }

    private static UnitKind KindOf(PersonInput input) => input.IsDepartmentalSite ? UnitKind.SedeDepartamental : UnitKind.OficinaCentral;

    public async Task<Person> ChangeRoleAsync(string email, string roleName, bool grant, CancellationToken cancellationToken)
    {
        var person = await RequireAsync(email, cancellationToken);
        var role = ParseRoles([roleName]).Single();
        if (grant && !person.Holds(role))
        {
            person.Roles.Add(new PersonRole { Role = role });
        }
        else if (!grant)
        {
            person.Roles.RemoveAll(r => r.Role == role);
        }

        await db.SaveChangesAsync(cancellationToken);
        return person;
    }

    /// <summary>How the person hears of work that waits on them (<see cref="NoticeModes.Parse"/>).</summary>
    public async Task<Person> SetNoticesAsync(long personId, string mode, CancellationToken cancellationToken)
    {
        var parsed = NoticeModes.Parse(mode);
        var person = await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, PeopleTexts.NotRegistered);
        person.Notices = parsed;
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }

    public async Task DeactivateAsync(string email, CancellationToken cancellationToken)
    {
        var person = await RequireAsync(email, cancellationToken);
        person.IsActive = false;
        var now = time.GetUtcNow();
        await db.ApiKeys.Where(k => k.PersonId == person.Id && k.RevokedAt == null)
            .ForEachAsync(k => k.RevokedAt = now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Issues a new key for the person; returns the only copy of its secret.</summary>
    public async Task<IssuedApiKey> IssueApiKeyAsync(string email, string? label, CancellationToken cancellationToken)
    {
        var person = await RequireAsync(email, cancellationToken);
        var prefix = $"{KeyScheme}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiKeys.Add(new ApiKey
        {
            PersonId = person.Id,
            Prefix = prefix,
            SecretHash = Hash(secret),
            Label = label,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(prefix, $"{prefix}.{secret}", person.Email);
    }

    /// <summary>The keys not revoked, newest first, with whose they are (their secrets are never stored).</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null).OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyView(k.Prefix, k.Person!.Email, k.Person.DisplayName, k.Label, k.CreatedAt)).ToListAsync(cancellationToken);

    public async Task<bool> RevokeApiKeyAsync(string prefix, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, cancellationToken);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The active person a presented key belongs to, or null. Compares hashes in constant time.</summary>
    public async Task<Person?> AuthenticateApiKeyAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200)
        {
            return null;
        }

        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !presented.StartsWith(KeyScheme + "_", StringComparison.Ordinal))
        {
            return null;
        }

        var prefix = presented[..dot];
        var key = await db.ApiKeys.AsNoTracking()
            .Include(k => k.Person).ThenInclude(p => p!.Roles)
            .FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, cancellationToken);
        if (key?.Person is not { IsActive: true } person)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(key.SecretHash, Hash(presented[(dot + 1)..])) ? person : null;
    }

    public static string NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            throw new DomainException(ErrorKind.Invalid, PeopleTexts.EmailInvalid(trimmed)) { Field = "correo" };
        }

        return trimmed.ToLowerInvariant();
    }

    private async Task<Person> RequireAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        return await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.Email == normalized, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, PeopleTexts.NobodyWithEmail(normalized));
    }

    private static HashSet<Role> ParseRoles(IEnumerable<string> names)
    {
        var roles = new HashSet<Role>();
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            if (!RoleNames.TryParse(name, out var role))
            {
                var known = string.Join("; ", Enum.GetValues<Role>().Select(r => $"{r} ({r.ToSpanish()})"));
                throw new DomainException(ErrorKind.Invalid, PeopleTexts.UnknownRole(name, known)) { Field = "roles" };
            }

            roles.Add(role);
        }

        return roles;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
