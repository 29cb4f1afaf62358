using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Units;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Units;

/// <summary>SOSEP's units: add, change, import, head and contacts; people follow their unit's kind; bad input changes nothing.</summary>
public sealed class UnitServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.PersonAsync("Ana Jefa");
        await _db.PersonAsync("Beto Contacto");
        await _db.PersonAsync("Carla Contacto");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Create_WithHeadContactsAndMailbox_IsListedWithSpanishKindAndCanonicalDepartment()
    {
        var created = await Units(u => u.CreateAsync(new UnitInput
        {
            Name = "  Sede   Quetzaltenango ",
            Kind = "sede departamental",
            Department = "QUETZALTENANGO",
            HeadEmail = "anajefa@sosep.gob.gt",
            Contacts = ["betocontacto@sosep.gob.gt", "CarlaContacto@sosep.gob.gt", "betocontacto@sosep.gob.gt"],
            SharedMailbox = "Sede.Xela@sosep.gob.gt",
        }, default));

        var listed = Assert.Single(await Units(u => u.ListAsync(default)));
        Assert.Equal(created.Id, listed.Id);
        Assert.Equal(("Sede Quetzaltenango", UnitKind.SedeDepartamental, "sede departamental", "Quetzaltenango", "sede.xela@sosep.gob.gt"),
            (listed.Name, listed.Kind, listed.KindName, listed.Department, listed.SharedMailbox));
        Assert.Equal("anajefa@sosep.gob.gt", listed.Head?.Email);
        Assert.Equal(["betocontacto@sosep.gob.gt", "carlacontacto@sosep.gob.gt"], listed.Contacts.Select(c => c.Email).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Sede Quetzaltenango", "Petén", "", "nombre", "Ya existe una unidad llamada")]
    [InlineData("SEDE QUETZALTENANGO", "Petén", "", "nombre", "sin distinguir mayúsculas ni tildes")]
    [InlineData("Sede Petén", "Narnia", "", "departamento", "no es un departamento de Guatemala")]
    [InlineData("Sede Petén", "", "", "departamento", "Indique el departamento")]
    [InlineData("  ", "Petén", "", "nombre", "Falta el nombre de la unidad")]
    [InlineData("Sede Petén", "Petén", "oficina regional", "tipo", "«oficina central» o «sede departamental»")]
    public async Task Create_BadInput_IsRefusedInSpanishNamingTheFieldAndNothingChanges(string name, string department, string kind, string field, string says)
    {
        await Units(u => u.CreateAsync(new UnitInput { Name = "Sede Quetzaltenango", Department = "Quetzaltenango" }, default));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => Units(u => u.CreateAsync(
            new UnitInput { Name = name, Department = department, Kind = kind.Length == 0 ? null : kind }, default)));

        Assert.Equal((ErrorKind.Invalid, field), (refusal.Kind, refusal.Field));
        Assert.Contains(says, refusal.Message, StringComparison.Ordinal);
        Assert.Single(await Units(u => u.ListAsync(default)));
    }

    [Fact]
    public async Task Create_UnknownHeadOrContactOrBadMailbox_IsRefusedAndNothingIsStored()
    {
        var head = await Assert.ThrowsAsync<DomainException>(() => Units(u => u.CreateAsync(
            new UnitInput { Name = "Dirección Financiera", Department = "Guatemala", HeadEmail = "nadie@sosep.gob.gt" }, default)));
        var contact = await Assert.ThrowsAsync<DomainException>(() => Units(u => u.CreateAsync(
            new UnitInput { Name = "Dirección Financiera", Department = "Guatemala", Contacts = ["anajefa@sosep.gob.gt", "nadie@sosep.gob.gt"] }, default)));
        var mailbox = await Assert.ThrowsAsync<DomainException>(() => Units(u => u.CreateAsync(
            new UnitInput { Name = "Dirección Financiera", Department = "Guatemala", SharedMailbox = "no es correo" }, default)));

        Assert.Equal(("jefe", "contactos", "buzonCompartido"), (head.Field, contact.Field, mailbox.Field));
        Assert.Contains("nadie@sosep.gob.gt", head.Message, StringComparison.Ordinal);
        Assert.Empty(await Units(u => u.ListAsync(default)));
        Assert.Equal(0, await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().UnitContacts.CountAsync()));
    }

    [Fact]
    public async Task HeadAndContacts_SetAddRemove_ByNameWithoutAccents()
    {
        await Units(u => u.CreateAsync(new UnitInput { Name = "Dirección de Comunicación", Department = "Guatemala" }, default));

        await Units(u => u.SetHeadAsync("direccion de comunicacion", "anajefa@sosep.gob.gt", default));
        await Units(u => u.AddContactAsync("DIRECCIÓN DE COMUNICACIÓN", "betocontacto@sosep.gob.gt", default));
        await Units(u => u.AddContactAsync("Dirección de Comunicación", "carlacontacto@sosep.gob.gt", default));
        var after = await Units(u => u.RemoveContactAsync("dirección de comunicación", "betocontacto@sosep.gob.gt", default));

        Assert.Equal("anajefa@sosep.gob.gt", after.Head?.Email);
        Assert.Equal("carlacontacto@sosep.gob.gt", Assert.Single(after.Contacts).Email);
        var notContact = await Assert.ThrowsAsync<DomainException>(() => Units(u => u.RemoveContactAsync("Dirección de Comunicación", "betocontacto@sosep.gob.gt", default)));
        Assert.Equal("contacto", notContact.Field);
        var unknown = await Assert.ThrowsAsync<DomainException>(() => Units(u => u.SetHeadAsync("Dirección Inexistente", "anajefa@sosep.gob.gt", default)));
        Assert.Equal((ErrorKind.Invalid, "unidad"), (unknown.Kind, unknown.Field));

        var cleared = await Units(u => u.SetHeadAsync("Dirección de Comunicación", null, default));
        Assert.Null(cleared.Head);
    }

    [Fact]
    public async Task Update_KindToDepartmentalSite_MovesItsPeopleToDsUi06AndRenameFollows()
    {
        var unit = await Units(u => u.CreateAsync(new UnitInput { Name = "Hogares Comunitarios Cobán", Department = "Alta Verapaz" }, default));
        var ana = await Person(new PersonInput { Email = "eva@sosep.gob.gt", DisplayName = "Eva", Unit = "hogares comunitarios coban" });
        Assert.Equal((unit.Id, "Hogares Comunitarios Cobán", false), (ana.UnitId, ana.Unit, ana.IsDepartmentalSite));

        await Units(u => u.UpdateAsync(unit.Id, new UnitInput { Kind = "SedeDepartamental", Name = "Sede Cobán" }, default));

        var moved = await PersonRowAsync("eva@sosep.gob.gt");
        Assert.Equal((unit.Id, "Sede Cobán", true), (moved.UnitId, moved.Unit, moved.IsDepartmentalSite));
        Assert.Equal("Alta Verapaz", (await Units(u => u.GetAsync(unit.Id, default))).Department);
    }

    [Fact]
    public async Task Import_CreatesAndUpdatesByNameAndLinksPeopleWithThatFreeTextUnit()
    {
        // Registered before the units existed: only a free-text unit (the pre-Units data).
        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            await db.People.Where(p => p.Email == "betocontacto@sosep.gob.gt").ExecuteUpdateAsync(u => u.SetProperty(p => p.Unit, "Sede Petén"));
            return 0;
        });
        await Units(u => u.CreateAsync(new UnitInput { Name = "Dirección Financiera", Department = "Guatemala" }, default));

        var (created, updated, linked) = await Units(u => u.ImportAsync(
        [
            new UnitInput { Name = "sede peten", Kind = "sede", Department = "peten", HeadEmail = "anajefa@sosep.gob.gt", Contacts = ["carlacontacto@sosep.gob.gt"] },
            new UnitInput { Name = "DIRECCION FINANCIERA", SharedMailbox = "financiera@sosep.gob.gt" },
        ], default));

        Assert.Equal((1, 1, 1), (created, updated, linked));
        var units = (await Units(u => u.ListAsync(default))).ToDictionary(u => u.Name);
        // Matched without regard to case or accents; the file's spelling becomes the name.
        Assert.Equal(["DIRECCION FINANCIERA", "sede peten"], units.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Petén", UnitKind.SedeDepartamental, 1), (units["sede peten"].Department, units["sede peten"].Kind, units["sede peten"].People));
        Assert.Equal(("Guatemala", "financiera@sosep.gob.gt"), (units["DIRECCION FINANCIERA"].Department, units["DIRECCION FINANCIERA"].SharedMailbox));
        var beto = await PersonRowAsync("betocontacto@sosep.gob.gt");
        Assert.Equal((units["sede peten"].Id, true), (beto.UnitId, beto.IsDepartmentalSite));
    }

    [Fact]
    public async Task Import_OneBadEntry_RefusesTheWholeFileNamingTheEntry()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Units(u => u.ImportAsync(
        [
            new UnitInput { Name = "Sede Zacapa", Kind = "sede", Department = "Zacapa" },
            new UnitInput { Name = "Sede Jutiapa", Kind = "sede", Department = "Jutiapa", HeadEmail = "nadie@sosep.gob.gt" },
        ], default)));
        var twice = await Assert.ThrowsAsync<DomainException>(() => Units(u => u.ImportAsync(
        [
            new UnitInput { Name = "Sede Zacapa", Department = "Zacapa" },
            new UnitInput { Name = "sede  zacapa", Department = "Zacapa" },
        ], default)));

        Assert.Contains("Unidad n.º 2 (Sede Jutiapa)", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("jefe", refusal.Field);
        Assert.Contains("aparece dos veces", twice.Message, StringComparison.Ordinal);
        Assert.Empty(await Units(u => u.ListAsync(default)));
    }

    [Fact]
    public async Task LinkPeople_Create_RegistersUnitsForFreeTextUnitsWithTheDepartmentalMark()
    {
        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            await db.People.Where(p => p.Email == "anajefa@sosep.gob.gt")
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Unit, "Sede Huehuetenango").SetProperty(p => p.IsDepartmentalSite, true));
            return 0;
        });

        Assert.Equal(0, await Units(u => u.LinkPeopleAsync(createMissing: false, default)));
        Assert.Equal(1, await Units(u => u.LinkPeopleAsync(createMissing: true, default)));

        var unit = Assert.Single(await Units(u => u.ListAsync(default)));
        Assert.Equal(("Sede Huehuetenango", UnitKind.SedeDepartamental, "Huehuetenango", 1), (unit.Name, unit.Kind, unit.Department, unit.People));
    }

    [Fact]
    public async Task OpenDsUi06_CentralOfficePerson_IsRefusedPointingToDsUi04AndNothingIsCreated()
    {
        await Units(u => u.CreateAsync(new UnitInput { Name = "Dirección Financiera", Department = "Guatemala" }, default));
        var central = PeopleService.ActorOf(await Person(new PersonInput { Email = "luis@sosep.gob.gt", DisplayName = "Luis", Unit = "Dirección Financiera", IsDepartmentalSite = true }), Channel.Api)!;
        var head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);

        var own = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Opening.OpenAsync(central,
            new NewRequest { ProcedureCode = ProcedureCodes.SoporteSedes, Title = "Sin internet" }, default)));
        var onBehalf = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Opening.OpenAsync(head,
            new NewRequest { ProcedureCode = ProcedureCodes.SoporteSedes, Title = "Sin internet", RequesterEmail = "luis@sosep.gob.gt", Channel = Channel.Phone }, default)));

        Assert.Equal((ErrorKind.Invalid, "procedimiento"), (own.Kind, own.Field));
        Assert.Contains("DS-UI-04", own.Message, StringComparison.Ordinal);
        Assert.Contains("oficinas centrales", own.Message, StringComparison.Ordinal);
        Assert.Contains("DS-UI-04", onBehalf.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Requests.CountAsync()));

        // The same person opens DS-UI-04; once the unit becomes a departmental site, DS-UI-06 too.
        await _db.Requests(s => s.Opening.OpenAsync(central, new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "Sin internet" }, default));
        var unitId = await Units(u => u.IdOfAsync("Dirección Financiera", default));
        await Units(u => u.UpdateAsync(unitId, new UnitInput { Kind = "sede departamental" }, default));
        var site = await _db.Requests(s => s.Opening.OpenAsync(central, new NewRequest { ProcedureCode = ProcedureCodes.SoporteSedes, Title = "Sin internet" }, default));
        Assert.Equal(ProcedureCodes.SoporteSedes, site.Summary.ProcedureCode);
    }

    private Task<T> Units<T>(Func<UnitService, Task<T>> work) => _db.InScopeAsync(sp => work(sp.GetRequiredService<UnitService>()));

    private Task<Person> Person(PersonInput input) => _db.InScopeAsync(sp => sp.GetRequiredService<PeopleService>().UpsertAsync(input, CancellationToken.None));

    private Task<Person> PersonRowAsync(string email) => _db.InScopeAsync(sp =>
        sp.GetRequiredService<SosepDbContext>().People.AsNoTracking().SingleAsync(p => p.Email == email));
}
