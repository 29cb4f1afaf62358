using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Units;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.People;

/// <summary>Entra ID group membership applied to people: managed roles follow the groups exactly; the rest is left alone.</summary>
public sealed class DirectorySyncTests : IAsyncLifetime
{
    private static readonly HashSet<Role> Managed = [Role.Technician, Role.InfraHead];
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Apply_Groups_GrantLinkRegisterRevokeAndLeaveUnmanagedRoles()
    {
        // Registered by hand: Ana (technician, no longer in the group), Beto (administrator, now in the technicians' group).
        await Upsert("ana@sosep.gob.gt", "Ana Pérez", "Technician");
        await Upsert("beto@sosep.gob.gt", "Beto", "Administrator");
        var members = new[]
        {
            Member("aad-beto", "Beto@SOSEP.gob.gt", "Roberto Gómez", "Informática", Role.Technician),
            Member("aad-carla", "carla@sosep.gob.gt", "Carla Ruiz", "Informática", Role.Technician, Role.InfraHead),
            Member("aad-sin-correo", null, "Cuenta de servicio", null, Role.Technician),
        };

        var result = await ApplyAsync(members);

        Assert.Equal(new DirectorySyncResult(Created: 1, Updated: 1, Granted: 3, Revoked: 1, Deactivated: 0, Skipped: 1), result);
        var people = await PeopleAsync();
        Assert.Equal("", people["ana@sosep.gob.gt"].Roles);
        Assert.Equal("Administrator,Technician", people["beto@sosep.gob.gt"].Roles);
        Assert.Equal(("Roberto Gómez", "aad-beto", "Informática"), (people["beto@sosep.gob.gt"].Name, people["beto@sosep.gob.gt"].Aad, people["beto@sosep.gob.gt"].Unit));
        Assert.Equal("InfraHead,Technician", people["carla@sosep.gob.gt"].Roles);
        Assert.Equal(3, people.Count);

        // The same groups again: nothing to do.
        Assert.Equal(new DirectorySyncResult(0, 0, 0, 0, 0, 0), await ApplyAsync(members[..2]));
    }

    [Fact]
    public async Task Apply_DisabledAccount_IsDeactivatedAndLosesManagedRoles()
    {
        await Upsert("dora@sosep.gob.gt", "Dora", "Technician,Administrator");
        var result = await ApplyAsync([Member("aad-dora", "dora@sosep.gob.gt", "Dora", null, Role.Technician) with { Enabled = false }]);

        Assert.Equal((1, 1), (result.Deactivated, result.Revoked));
        var dora = (await PeopleAsync())["dora@sosep.gob.gt"];
        Assert.False(dora.Active);
        Assert.Equal("Administrator", dora.Roles);
    }

    [Fact]
    public async Task Apply_EmptyGroups_RevokeTheManagedRolesFromEverybody()
    {
        await Upsert("ana@sosep.gob.gt", "Ana Pérez", "Technician,InfraHead,Assistant");

        await ApplyAsync([]);

        Assert.Equal("Assistant", (await PeopleAsync())["ana@sosep.gob.gt"].Roles);
    }

    [Fact]
    public async Task Apply_Department_MatchesTheRegisteredUnitIgnoringCaseAndAccentsAndTakesItsKind()
    {
        var site = await _db.UnitAsync("Sede Quiché", UnitKind.SedeDepartamental, "Quiché");

        await ApplyAsync([Member("aad-eva", "eva@sosep.gob.gt", "Eva Tum", "  SEDE quiche ", Role.Technician)]);

        var eva = await PersonRowAsync("eva@sosep.gob.gt");
        Assert.Equal((site.Id, "Sede Quiché", true), (eva.UnitId, eva.Unit, eva.IsDepartmentalSite));
        Assert.Single((await _db.InScopeAsync(sp => sp.GetRequiredService<UnitService>().ListAsync(CancellationToken.None))));
    }

    [Fact]
    public async Task Apply_UnknownDepartment_RegistersTheUnitAsCentralOfficeOnceAndMovesThePerson()
    {
        await Upsert("fer@sosep.gob.gt", "Fer", "Technician");

        await ApplyAsync([
            Member("aad-fer", "fer@sosep.gob.gt", "Fer", "Dirección de Comunicación", Role.Technician),
            Member("aad-gil", "gil@sosep.gob.gt", "Gil", "direccion de comunicacion", Role.Technician),
        ]);

        var units = await _db.InScopeAsync(sp => sp.GetRequiredService<UnitService>().ListAsync(CancellationToken.None));
        var unit = Assert.Single(units);
        Assert.Equal(("Dirección de Comunicación", UnitKind.OficinaCentral, "Guatemala", 2), (unit.Name, unit.Kind, unit.Department, unit.People));
        Assert.Equal(unit.Id, (await PersonRowAsync("fer@sosep.gob.gt")).UnitId);
        Assert.False((await PersonRowAsync("gil@sosep.gob.gt")).IsDepartmentalSite);
    }

    private Task<Person> PersonRowAsync(string email) => _db.InScopeAsync(sp =>
        sp.GetRequiredService<SosepDbContext>().People.AsNoTracking().SingleAsync(p => p.Email == email));

    private static DirectoryPerson Member(string id, string? email, string name, string? department, params Role[] roles) =>
        new(id, email, name, department, Enabled: true, roles.ToHashSet());

    private Task<Person> Upsert(string email, string name, string roles) => _db.InScopeAsync(sp => sp.GetRequiredService<PeopleService>()
        .UpsertAsync(new PersonInput { Email = email, DisplayName = name, Roles = roles.Split(',') }, CancellationToken.None));

    private Task<DirectorySyncResult> ApplyAsync(IReadOnlyCollection<DirectoryPerson> members) =>
        _db.InScopeAsync(sp => sp.GetRequiredService<DirectorySync>().ApplyAsync(members, Managed, CancellationToken.None));

    private Task<Dictionary<string, (string Name, string? Aad, string? Unit, bool Active, string Roles)>> PeopleAsync() => _db.InScopeAsync(async sp =>
        (await sp.GetRequiredService<SosepDbContext>().People.AsNoTracking().Include(p => p.Roles).ToListAsync())
            .ToDictionary(p => p.Email, p => (p.DisplayName, p.AadObjectId, p.Unit, p.IsActive, string.Join(",", p.Roles.Select(r => r.Role.ToString()).Order(StringComparer.Ordinal)))));
}
