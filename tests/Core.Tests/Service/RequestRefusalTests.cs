using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>A refused action changes nothing, even when the same scope (DbContext) goes on to save something else.</summary>
public sealed class RequestRefusalTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _user = null!;
    private Actor _tech = null!;
    private string _number = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _user = await _db.PersonAsync("Ana Usuaria");
        _tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        var head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);
        _number = (await _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Opinion(), default))).Summary.Number;
        await _db.Requests(s => s.Actions.FireAsync(head, _number, "asignar", new ActionInput { AssigneeId = _tech.PersonId }, default));
        await _db.Requests(s => s.Actions.FireAsync(_tech, _number, "revisar-equipo", ActionInput.None, default));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Fire_RefusedForMissingPhotoThenAttachInSameScope_EquipmentOfTheRefusalIsNotSaved()
    {
        var before = await _db.Requests(s => s.Queries.GetAsync(_tech, _number, default));
        _db.Time.Advance(TimeSpan.FromMinutes(10));

        var refusal = await _db.InScopeAsync(async scope =>
        {
            var service = RequestServices.From(scope);
            var refused = await Assert.ThrowsAsync<DomainException>(() => service.Actions.FireAsync(_tech, _number, "enviar-a-elaboracion",
                new ActionInput { Equipment = ServiceData.FullEquipment() }, default));
            // The same service and DbContext then save something else on the same request.
            using var photo = new MemoryStream(ServiceData.Jpeg(4096));
            await service.Files.AttachAsync(_tech, _number, AttachmentKind.Fotografia, "frente.jpg", "image/jpeg", photo, default);
            return refused;
        });

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Contains("fotografía del equipo", refusal.Message, StringComparison.Ordinal);
        var after = await _db.Requests(s => s.Queries.GetAsync(_tech, _number, default));
        Assert.Equal("Revisión del equipo", after.Summary.State);
        Assert.Equal(before.Summary.Version, after.Summary.Version);
        Assert.Single(after.Attachments);
        Assert.False(after.Equipment!.IsComplete);
        Assert.All(new[] { after.Equipment.Brand, after.Equipment.Model, after.Equipment.SerialNumber, after.Equipment.AssetNumber }, Assert.Null);
    }

    [Fact]
    public async Task Fire_RefusedThenRefiredInSameScope_OnlyTheDataOfTheSuccessfulActionIsSaved()
    {
        using (var photo = new MemoryStream(ServiceData.Jpeg(4096)))
        {
            await _db.Requests(s => s.Files.AttachAsync(_tech, _number, AttachmentKind.Fotografia, "frente.jpg", "image/jpeg", photo, default));
        }

        var (first, second) = await _db.InScopeAsync(async scope =>
        {
            var service = RequestServices.From(scope);
            // Refused: the serial and asset numbers are missing; brand, model and colour were applied before the guards ran.
            var partial = new EquipmentData { Brand = "Dell", Model = "OptiPlex 3080", Colour = "Gris" };
            var refused = await Assert.ThrowsAsync<DomainException>(() =>
                service.Actions.FireAsync(_tech, _number, "enviar-a-elaboracion", new ActionInput { Equipment = partial }, default));
            // Refused again: if the first refusal's data had been kept, these two fields would complete it.
            var rest = new EquipmentData { SerialNumber = "5CD0000AAA", AssetNumber = "SOSEP-0100-2020" };
            var refusedAgain = await Assert.ThrowsAsync<DomainException>(() =>
                service.Actions.FireAsync(_tech, _number, "enviar-a-elaboracion", new ActionInput { Equipment = rest }, default));
            await service.Actions.FireAsync(_tech, _number, "enviar-a-elaboracion", new ActionInput { Equipment = ServiceData.FullEquipment() }, default);
            return (refused, refusedAgain);
        });

        Assert.Equal((ErrorKind.Invalid, ErrorKind.Invalid), (first.Kind, second.Kind));
        Assert.Contains("marca, modelo", second.Message, StringComparison.Ordinal);
        var after = await _db.Requests(s => s.Queries.GetAsync(_tech, _number, default));
        Assert.Equal("En elaboración", after.Summary.State);
        Assert.Equal(("HP", "ProDesk 400 G6", "Negro", "5CD1234XYZ"),
            (after.Equipment!.Brand, after.Equipment.Model, after.Equipment.Colour, after.Equipment.SerialNumber));
        Assert.Single(after.History, h => h.Action == "enviar-a-elaboracion");
    }

    [Fact]
    public async Task Fire_RefusedByRoleThenCommentInSameScope_StateAndAssigneeUnchanged()
    {
        var other = await _db.PersonAsync("Otro Tecnico", Role.Technician);
        var before = await _db.Requests(s => s.Queries.GetAsync(_tech, _number, default));
        _db.Time.Advance(TimeSpan.FromMinutes(10));

        await _db.InScopeAsync(async scope =>
        {
            var service = RequestServices.From(scope);
            var refused = await Assert.ThrowsAsync<DomainException>(() => service.Actions.FireAsync(other, _number, "enviar-a-elaboracion",
                new ActionInput { Equipment = ServiceData.FullEquipment() }, default));
            Assert.Equal(ErrorKind.Forbidden, refused.Kind);
            return await service.Actions.CommentAsync(other, _number, "Puedo ayudar con la revisión.", default);
        });

        var after = await _db.Requests(s => s.Queries.GetAsync(_tech, _number, default));
        Assert.Equal((before.Summary.State, before.Summary.Version, _tech.PersonId), (after.Summary.State, after.Summary.Version, after.Summary.Assignee!.Id));
        Assert.Null(after.Equipment!.SerialNumber);
        Assert.Single(after.Comments);
    }
}
