using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Units;

/// <summary>
/// SOSEP's units: add, change, import, their head and contacts, and which unit a person belongs to. A person's
/// departmental-site status (<see cref="Person.IsDepartmentalSite"/>) follows their unit's kind: it is set when they
/// join a unit and when the unit's kind changes. Every refusal is a <see cref="DomainException"/> and changes nothing.
/// </summary>
public sealed class UnitService(SosepDbContext db, TimeProvider time)
{
    private static readonly Role[] Editors = [Role.Administrator, Role.ItDirector, Role.Assistant];

    /// <summary>Refuses (403) anybody but the administrator, the IT director and the assistant.</summary>
    public static void EnsureMayChange(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Editors.Any(actor.Holds))
        {
            throw new DomainException(ErrorKind.Forbidden, UnitTexts.OnlyEditors);
        }
    }

    public async Task<IReadOnlyList<UnitView>> ListAsync(CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().Include(u => u.Contacts).OrderBy(u => u.Name).ToListAsync(cancellationToken);
        return await ViewsAsync(units, cancellationToken);
    }

    public async Task<UnitView> GetAsync(long id, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().Include(u => u.Contacts).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw NotFound(id.ToString(CultureInfo.InvariantCulture));
        return (await ViewsAsync([unit], cancellationToken))[0];
    }

    /// <summary>The unit named by its id ("12") or its name (any case or accents); refused (422, <paramref name="field"/>) when there is none.</summary>
    public static async Task<Unit> RequireAsync(SosepDbContext db, long? id, string? name, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        Unit? unit = null;
        if (id is { } byId)
        {
            unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == byId, cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(name))
        {
            var text = name.Trim();
            var key = UnitNames.Key(text);
            unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.NameKey == key, cancellationToken);
            if (unit is null && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == parsed, cancellationToken);
            }
        }
        else
        {
            throw new DomainException(ErrorKind.Invalid, UnitTexts.UnitNeeded) { Field = field };
        }

        return unit ?? throw new DomainException(ErrorKind.Invalid,
            UnitTexts.NotRegistered(id?.ToString(CultureInfo.InvariantCulture) ?? name!.Trim())) { Field = field };
    }

    /// <summary>The id of the unit named by its number or name; refused (422) when there is none.</summary>
    public async Task<long> IdOfAsync(string unit, CancellationToken cancellationToken) =>
        (await RequireAsync(db, null, unit, "unidad", cancellationToken)).Id;

    public async Task<UnitView> CreateAsync(UnitInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var checkedInput = await CheckAsync(input, null, cancellationToken);
        var unit = await db.InTransactionAsync(async ct =>
        {
            var created = Apply(new Unit { Name = checkedInput.Name, NameKey = checkedInput.Key, CreatedAt = time.GetUtcNow() }, checkedInput);
            db.Units.Add(created);
            await db.SaveChangesAsync(ct);
            return created;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return await GetAsync(unit.Id, cancellationToken);
    }

    /// <summary>Changes the fields given (null keeps a field; an empty head or mailbox removes it; the contacts given replace the unit's).</summary>
    public async Task<UnitView> UpdateAsync(long id, UnitInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var unit = await db.Units.Include(u => u.Contacts).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
                ?? throw NotFound(id.ToString(CultureInfo.InvariantCulture));
            var merged = new UnitInput
            {
                Name = input.Name ?? unit.Name,
                Kind = input.Kind ?? unit.Kind.ToString(),
                Department = input.Department,
                HeadEmail = input.HeadEmail,
                Contacts = input.Contacts,
                SharedMailbox = input.SharedMailbox,
            };
            var checkedInput = await CheckAsync(merged, unit, cancellationToken);
            await SaveAsync(unit, checkedInput, cancellationToken);
            return await GetAsync(id, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task<UnitView> SetHeadAsync(string unit, string? headEmail, CancellationToken cancellationToken) =>
        ChangeAsync(unit, new UnitInput { HeadEmail = string.IsNullOrWhiteSpace(headEmail) ? string.Empty : headEmail }, cancellationToken);

    public async Task<UnitView> AddContactAsync(string unit, string email, CancellationToken cancellationToken) =>
        await AddContactAsync(await IdOfAsync(unit, cancellationToken), email, cancellationToken);

    public async Task<UnitView> AddContactAsync(long unitId, string email, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(unitId, cancellationToken);
        var person = await PersonIdAsync(email, "contacto", cancellationToken);
        var contacts = await ContactEmailsAsync(unitId, cancellationToken);
        return await UpdateAsync(unitId, new UnitInput { Contacts = [.. contacts, person.Email] }, cancellationToken);
    }

    public async Task<UnitView> RemoveContactAsync(string unit, string email, CancellationToken cancellationToken) =>
        await RemoveContactAsync(await IdOfAsync(unit, cancellationToken), email, cancellationToken);

    public async Task<UnitView> RemoveContactAsync(long unitId, string email, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(unitId, cancellationToken);
        var person = await PersonIdAsync(email, "contacto", cancellationToken);
        var contacts = await ContactEmailsAsync(unitId, cancellationToken);
        if (!contacts.Contains(person.Email))
        {
            throw new DomainException(ErrorKind.Invalid, UnitTexts.NotAContact(person.Email)) { Field = "contacto" };
        }

        return await UpdateAsync(unitId, new UnitInput { Contacts = contacts.Where(c => c != person.Email).ToList() }, cancellationToken);
    }

    private async Task EnsureExistsAsync(long unitId, CancellationToken cancellationToken)
    {
        if (!await db.Units.AsNoTracking().AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            throw NotFound(unitId.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Creates or updates (by name) every unit of the list in one transaction: one bad entry refuses the whole file,
    /// naming the entry. Then links the people whose free-text unit names an imported unit. Returns (created, updated, linked).
    /// </summary>
    public async Task<(int Created, int Updated, int Linked)> ImportAsync(IReadOnlyList<UnitInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                int created = 0, updated = 0;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < inputs.Count; i++)
                {
                    var input = inputs[i] ?? throw new DomainException(ErrorKind.Invalid, UnitTexts.EmptyInFile(i + 1)) { Field = "unidades" };
                    Checked checkedInput;
                    Unit? unit;
                    try
                    {
                        var key = UnitNames.Key(UnitNames.Clean(input.Name));
                        if (!seen.Add(key))
                        {
                            throw new DomainException(ErrorKind.Invalid, UnitTexts.DuplicateInFile) { Field = "nombre" };
                        }

                        unit = await db.Units.Include(u => u.Contacts).FirstOrDefaultAsync(u => u.NameKey == key, ct);
                        checkedInput = await CheckAsync(input, unit, ct);
                    }
                    catch (DomainException e)
                    {
                        throw new DomainException(e.Kind, UnitTexts.InFile(i + 1, input.Name, e.Message)) { Field = e.Field };
                    }

                    if (unit is null)
                    {
                        unit = new Unit { Name = checkedInput.Name, NameKey = checkedInput.Key, CreatedAt = time.GetUtcNow() };
                        db.Units.Add(unit);
                        created++;
                    }
                    else
                    {
                        updated++;
                    }

                    await SaveAsync(unit, checkedInput with { Contacts = checkedInput.Contacts ?? [] }, ct);
                }

                var linked = await LinkPeopleAsync(createMissing: false, ct);
                return (created, updated, linked);
            }, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Links the people who have a free-text unit but no unit yet to the unit of that name; with
    /// <paramref name="createMissing"/> the units that do not exist are created (kind from the person's
    /// departmental-site mark, department found in the name or left unknown). Returns how many people were linked.
    /// </summary>
    public async Task<int> LinkPeopleAsync(bool createMissing, CancellationToken cancellationToken)
    {
        var loose = await db.People.Where(p => p.UnitId == null && p.Unit != null).ToListAsync(cancellationToken);
        var linked = 0;
        foreach (var person in loose)
        {
            var key = UnitNames.Key(person.Unit!);
            var unit = await db.Units.FirstOrDefaultAsync(u => u.NameKey == key, cancellationToken);
            if (unit is null && createMissing && key.Length > 0)
            {
                unit = await EnsureAsync(person.Unit!, person.IsDepartmentalSite ? UnitKind.SedeDepartamental : UnitKind.OficinaCentral, cancellationToken);
            }

            if (unit is not null)
            {
                Join(person, unit);
                linked++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return linked;
    }

    /// <summary>The units of those names by their key (<see cref="UnitNames.Key"/>), each registered when missing (see <see cref="EnsureAsync"/>).</summary>
    public async Task<IReadOnlyDictionary<string, Unit>> EnsureAllAsync(IEnumerable<(string Name, UnitKind Kind)> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var (name, kind) in wanted)
        {
            var key = UnitNames.Key(name);
            if (!units.ContainsKey(key))
            {
                units[key] = await EnsureAsync(name, kind, cancellationToken);
            }
        }

        return units;
    }

    /// <summary>
    /// The unit of that name, created (with <paramref name="kind"/>, its department found in the name or unknown) and
    /// saved when there is none. For the people's import and the directory sync: a name nobody registered yet.
    /// </summary>
    public async Task<Unit> EnsureAsync(string name, UnitKind kind, CancellationToken cancellationToken)
    {
        var cleaned = UnitNames.Clean(name);
        var key = UnitNames.Key(cleaned);
        var unit = db.Units.Local.FirstOrDefault(u => u.NameKey == key)
            ?? await db.Units.FirstOrDefaultAsync(u => u.NameKey == key, cancellationToken);
        if (unit is not null)
        {
            return unit;
        }

        var now = time.GetUtcNow();
        unit = new Unit
        {
            Name = cleaned,
            NameKey = key,
            Kind = kind,
            Department = DepartmentIn(cleaned) ?? (kind == UnitKind.OficinaCentral ? "Guatemala" : null),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Units.Add(unit);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Registered meanwhile by somebody else (the name key is unique): take theirs.
            db.Entry(unit).State = EntityState.Detached;
            var theirs = await db.Units.FirstOrDefaultAsync(u => u.NameKey == key, cancellationToken);
            if (theirs is null)
            {
                throw;
            }

            return theirs;
        }

        return unit;
    }

    /// <summary>Puts the person in the unit: their free-text unit becomes its name, their departmental-site mark its kind.</summary>
    public static void Join(Person person, Unit unit)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(unit);
        person.UnitId = unit.Id;
        person.Unit = unit.Name;
        person.IsDepartmentalSite = unit.Kind == UnitKind.SedeDepartamental;
    }

    private async Task<UnitView> ChangeAsync(string unit, UnitInput input, CancellationToken cancellationToken)
    {
        var found = await RequireAsync(db, null, unit, "unidad", cancellationToken);
        return await UpdateAsync(found.Id, input, cancellationToken);
    }

    private async Task SaveAsync(Unit unit, Checked input, CancellationToken cancellationToken)
    {
        await db.InTransactionAsync(async ct =>
        {
            var kindChanged = unit.Id != 0 && unit.Kind != input.Kind;
            var renamed = unit.Id != 0 && unit.Name != input.Name;
            Apply(unit, input);
            await db.SaveChangesAsync(ct);
            if (kindChanged)
            {
                var site = input.Kind == UnitKind.SedeDepartamental;
                await db.People.Where(p => p.UnitId == unit.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsDepartmentalSite, site), ct);
            }

            if (renamed)
            {
                await db.People.Where(p => p.UnitId == unit.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Unit, input.Name), ct);
            }
        }, cancellationToken);
    }

    private Unit Apply(Unit unit, Checked input)
    {
        var name = input.Name;
        unit.Name = name;
        unit.NameKey = input.Key;
        unit.Kind = input.Kind;
        unit.Department = input.Department;
        if (input.HeadId is { } head)
        {
            unit.HeadId = head == 0 ? null : head;
        }

        if (input.SharedMailbox is { } mailbox)
        {
            unit.SharedMailbox = mailbox.Length == 0 ? null : mailbox;
        }

        if (input.Contacts is { } contacts)
        {
            unit.Contacts.RemoveAll(c => !contacts.Contains(c.PersonId));
            foreach (var id in contacts.Where(id => !unit.Contacts.Exists(c => c.PersonId == id)))
            {
                unit.Contacts.Add(new UnitContact { UnitId = unit.Id, PersonId = id });
            }
        }

        unit.UpdatedAt = time.GetUtcNow();
        return unit;
    }

    /// <summary>Checks every field; null head/mailbox/contacts mean "keep", 0 / "" mean "remove".</summary>
    private async Task<Checked> CheckAsync(UnitInput input, Unit? current, CancellationToken cancellationToken)
    {
        var name = UnitNames.Clean(input.Name);
        var key = UnitNames.Key(name);
        var taken = await db.Units.AsNoTracking().AnyAsync(u => u.NameKey == key && (current == null || u.Id != current.Id), cancellationToken);
        if (taken)
        {
            throw new DomainException(ErrorKind.Invalid, UnitTexts.NameTaken(name)) { Field = "nombre" };
        }

        var kind = input.Kind is null ? current?.Kind ?? UnitKind.OficinaCentral : UnitNames.Kind(input.Kind);
        var department = input.Department is null && current is not null ? current.Department : UnitNames.Department(input.Department);
        long? head = input.HeadEmail is null ? null
            : input.HeadEmail.Trim().Length == 0 ? 0
            : (await PersonIdAsync(input.HeadEmail, "jefe", cancellationToken)).Id;
        string? mailbox = null;
        if (input.SharedMailbox is not null)
        {
            mailbox = input.SharedMailbox.Trim().Length == 0 ? string.Empty : NormalizeMailbox(input.SharedMailbox);
        }

        List<long>? contacts = null;
        if (input.Contacts is not null)
        {
            contacts = [];
            foreach (var email in input.Contacts)
            {
                var id = (await PersonIdAsync(email, "contactos", cancellationToken)).Id;
                if (!contacts.Contains(id))
                {
                    contacts.Add(id);
                }
            }
        }

        return new Checked(name, key, kind, department, head, mailbox, contacts);
    }

    private static string NormalizeMailbox(string email)
    {
        try
        {
            return PeopleService.NormalizeEmail(email);
        }
        catch (DomainException)
        {
            throw new DomainException(ErrorKind.Invalid, UnitTexts.SharedMailboxInvalid(email.Trim())) { Field = "buzonCompartido" };
        }
    }

    private async Task<(long Id, string Email)> PersonIdAsync(string? email, string field, CancellationToken cancellationToken)
    {
        string normalized;
        try
        {
            normalized = PeopleService.NormalizeEmail(email);
        }
        catch (DomainException e)
        {
            throw new DomainException(ErrorKind.Invalid, e.Message) { Field = field };
        }

        var person = await db.People.AsNoTracking().Where(p => p.Email == normalized).Select(p => new { p.Id, p.Email }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(ErrorKind.Invalid, PeopleTexts.NobodyWithEmail(normalized)) { Field = field };
        return (person.Id, person.Email);
    }

    private async Task<List<string>> ContactEmailsAsync(long unitId, CancellationToken cancellationToken) =>
        await (from c in db.UnitContacts.AsNoTracking()
               join p in db.People.AsNoTracking() on c.PersonId equals p.Id
               where c.UnitId == unitId
               select p.Email).ToListAsync(cancellationToken);

    private async Task<IReadOnlyList<UnitView>> ViewsAsync(List<Unit> units, CancellationToken cancellationToken)
    {
        var ids = units.SelectMany(u => u.Contacts.Select(c => c.PersonId)).Concat(units.Where(u => u.HeadId != null).Select(u => u.HeadId!.Value)).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new PersonRef(p.Id, p.DisplayName, p.Email), cancellationToken);
        var unitIds = units.Select(u => u.Id).ToList();
        var members = await db.People.AsNoTracking().Where(p => p.UnitId != null && unitIds.Contains(p.UnitId.Value))
            .GroupBy(p => p.UnitId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return units.Select(u => new UnitView(
            u.Id,
            u.Name,
            u.Kind,
            u.Kind.ToSpanish(),
            u.Department,
            u.HeadId is { } h ? people.GetValueOrDefault(h) : null,
            u.Contacts.Select(c => people.GetValueOrDefault(c.PersonId)).OfType<PersonRef>().OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            u.SharedMailbox,
            members.GetValueOrDefault(u.Id))).ToList();
    }

    private static string? DepartmentIn(string name)
    {
        var key = $" {UnitNames.Key(name)} ";
        return UnitNames.Departments.OrderByDescending(d => d.Length).FirstOrDefault(d => key.Contains($" {UnitNames.Key(d)} ", StringComparison.Ordinal));
    }

    private static DomainException NotFound(string unit) => new(ErrorKind.NotFound, UnitTexts.NotFound(unit));

    private sealed record Checked(string Name, string Key, UnitKind Kind, string? Department, long? HeadId, string? SharedMailbox, List<long>? Contacts);
}
