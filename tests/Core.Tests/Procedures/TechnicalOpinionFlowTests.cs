using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>DS-UI-05 Elaboración de dictamen técnico, through the request service.</summary>
public sealed class TechnicalOpinionFlowTests(ProcedureDatabase database) : IClassFixture<ProcedureDatabase>, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _user = null!;
    private Actor _infraHead = null!;
    private Actor _technician = null!;
    private Actor _assistant = null!;
    private Actor _director = null!;
    private Actor _inventory = null!;

    public async Task InitializeAsync()
    {
        _db = database.Db;
        _flow = new Flow(_db);
        _user = await _flow.PersonAsync("Ana Usuaria");
        _infraHead = await _flow.PersonAsync("Jefe Infra", Role.InfraHead);
        _technician = await _flow.PersonAsync("Tito Tecnico", Role.Technician);
        _assistant = await _flow.PersonAsync("Asistente Informatica", Role.Assistant);
        _director = await _flow.PersonAsync("Director Informatica", Role.ItDirector);
        _inventory = await _flow.PersonAsync("Inventarios Central", Role.Inventory);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static EquipmentData FullEquipment() => new()
    {
        Kind = "Equipo informático",
        Brand = "HP",
        Model = "ProDesk 400 G6",
        Colour = "Negro",
        SerialNumber = "MXL1234ABC",
        AssetNumber = "SOSEP-INF-00871",
        Findings = "No enciende; fuente quemada.",
        Diagnosis = "Irreparable",
    };

    [Fact]
    public async Task Flow_ManualHappyPath_GoesFromSolicitadoToArchivado()
    {
        var number = await ToReviewAsync();
        var signedByTech = await _flow.StepAsync(_technician, number, "firmar-tecnico", "En revisión");
        Assert.Equal(["firma-tecnico"], signedByTech.Approvals);
        await _flow.StepAsync(_director, number, "firmar", "Firmado");
        await _flow.StepAsync(_technician, number, "entregar-al-usuario", "Entregado al usuario");
        await _flow.StepAsync(_inventory, number, "entregar-a-inventarios", "Entregado a Inventarios");
        await _flow.AttachAsync(_user, number, AttachmentKind.ConstanciaInventarios, "image/jpeg");
        await _flow.StepAsync(_technician, number, "recibir-constancia", "Constancia recibida");
        var archived = await _flow.StepAsync(_assistant, number, "archivar", "Archivado");

        Assert.True(archived.Summary.IsClosed);
        Assert.Equal(
            ["Solicitado", "Asignado", "Revisión del equipo", "En elaboración", "En revisión", "En revisión", "Firmado",
             "Entregado al usuario", "Entregado a Inventarios", "Constancia recibida", "Archivado"],
            Flow.Path(archived));
        Assert.NotNull(archived.Equipment);
        Assert.Equal("MXL1234ABC", archived.Equipment.SerialNumber);
        Assert.Equal("SOSEP-INF-00871", archived.Equipment.AssetNumber);
    }

    [Fact]
    public async Task Fire_ObservarInReview_ReturnsToElaborationAndClearsTheTechniciansSignature()
    {
        var number = await ToReviewAsync();
        await _flow.StepAsync(_technician, number, "firmar-tecnico", "En revisión");

        await _flow.RefusedAsync(_director, number, "observar", ActionInput.None, ErrorKind.Invalid, "indicar las observaciones");
        var observed = await _flow.StepAsync(_director, number, "observar", "En elaboración",
            new ActionInput { Text = "Corregir el número de bien en el dictamen." });
        Assert.Empty(observed.Approvals);
        await _db.RecordDictamenAsync(_assistant, number);
        await _flow.StepAsync(_assistant, number, "enviar-a-revision", "En revisión");

        // The director cannot sign until the technician signs again.
        await _flow.RefusedAsync(_director, number, "firmar", ActionInput.None, ErrorKind.Invalid, "la firma del técnico");
        await _flow.StepAsync(_technician, number, "firmar-tecnico", "En revisión");
        await _flow.StepAsync(_director, number, "firmar", "Firmado");
    }

    [Fact]
    public async Task Fire_ObservarByAssignedTechnician_ReturnsToElaboration()
    {
        var number = await ToReviewAsync();

        await _flow.StepAsync(_technician, number, "observar", "En elaboración", new ActionInput { Text = "Falta la segunda fotografía." });
    }

    [Fact]
    public async Task Fire_FirmarTecnicoTwice_IsRefused()
    {
        var number = await ToReviewAsync();
        await _flow.StepAsync(_technician, number, "firmar-tecnico", "En revisión");

        await _flow.RefusedAsync(_technician, number, "firmar-tecnico", ActionInput.None, ErrorKind.Invalid, "No se puede «Firmar (técnico)»: ya se registró «Firmar (técnico)» en esta etapa.");
    }

    [Fact]
    public async Task Fire_EnviarAElaboracionWithoutEquipmentData_IsRefusedNamingTheData()
    {
        var number = await ToEquipmentReviewAsync();
        await _flow.AttachAsync(_technician, number, AttachmentKind.Fotografia, "image/png");

        await _flow.RefusedAsync(_technician, number, "enviar-a-elaboracion", ActionInput.None, ErrorKind.Invalid,
            "marca", "modelo", "color", "número de serie", "número de bien");
    }

    [Theory]
    [InlineData("marca")]
    [InlineData("modelo")]
    [InlineData("color")]
    [InlineData("número de serie")]
    [InlineData("número de bien")]
    public async Task Fire_EnviarAElaboracionWithOneFieldMissing_IsRefusedNamingIt(string missing)
    {
        var number = await ToEquipmentReviewAsync();
        await _flow.AttachAsync(_technician, number, AttachmentKind.Fotografia, "image/png");

        await _flow.RefusedAsync(_technician, number, "enviar-a-elaboracion", new ActionInput { Equipment = Without(missing) }, ErrorKind.Invalid,
            "No se puede «Enviar datos y fotografías a la Asistente» todavía", missing);
        // Nothing of what was typed with the refused action is kept.
        var after = await _flow.GetAsync(number);
        Assert.Null(after.Equipment?.Findings);
    }

    [Fact]
    public async Task Fire_EnviarAElaboracionWithOnlySerialMissing_NamesOnlyTheSerial()
    {
        var number = await ToEquipmentReviewAsync();
        await _flow.AttachAsync(_technician, number, AttachmentKind.Fotografia, "image/png");

        var refusal = await _flow.RefusedAsync(_technician, number, "enviar-a-elaboracion",
            new ActionInput { Equipment = Without("número de serie") }, ErrorKind.Invalid, "número de serie");

        Assert.DoesNotContain("marca", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("número de bien", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fire_EnviarAElaboracionWithoutPhoto_IsRefusedAndTheDataTypedIsNotKept()
    {
        var number = await ToEquipmentReviewAsync();

        var refusal = await _flow.RefusedAsync(_technician, number, "enviar-a-elaboracion", new ActionInput { Equipment = FullEquipment() },
            ErrorKind.Invalid, "adjuntar fotografía del equipo");

        Assert.DoesNotContain("marca", refusal.Message, StringComparison.Ordinal);
        var after = await _flow.GetAsync(number);
        Assert.Null(after.Equipment?.SerialNumber);
    }

    [Fact]
    public async Task Fire_EnviarAElaboracionWithDataRecordedAtCreation_NeedsOnlyThePhoto()
    {
        var created = await _flow.CreateAsync(_user, new NewRequest
        {
            ProcedureCode = ProcedureCodes.DictamenTecnico,
            Title = "Dictamen de CPU para devolución",
            Equipment = FullEquipment(),
        });
        var number = created.Summary.Number;
        await _flow.StepAsync(_infraHead, number, "asignar", "Asignado", new ActionInput { AssigneeId = _technician.PersonId });
        await _flow.StepAsync(_technician, number, "revisar-equipo", "Revisión del equipo");
        await _flow.AttachAsync(_technician, number, AttachmentKind.Fotografia, "image/png");

        await _flow.StepAsync(_technician, number, "enviar-a-elaboracion", "En elaboración");
    }

    [Fact]
    public async Task Fire_RecibirConstanciaWithoutInventoryReceipt_IsRefused()
    {
        var number = await ToReviewAsync();
        await _flow.StepAsync(_technician, number, "firmar-tecnico", "En revisión");
        await _flow.StepAsync(_director, number, "firmar", "Firmado");
        await _flow.StepAsync(_technician, number, "entregar-al-usuario", "Entregado al usuario");
        await _flow.StepAsync(_user, number, "entregar-a-inventarios", "Entregado a Inventarios");

        await _flow.RefusedAsync(_technician, number, "recibir-constancia", ActionInput.None, ErrorKind.Invalid,
            "adjuntar constancia de recibido de Inventarios");
    }

    [Fact]
    public async Task Fire_AsignarToPersonWhoIsNotATechnician_IsRefused()
    {
        var number = await OpenAsync();

        await _flow.RefusedAsync(_infraHead, number, "asignar", new ActionInput { AssigneeId = _assistant.PersonId }, ErrorKind.Invalid,
            "elegir a una persona con el rol Técnico de Hardware y Software");
    }

    private static EquipmentData Without(string field)
    {
        var e = FullEquipment();
        switch (field)
        {
            case "marca": e.Brand = null; break;
            case "modelo": e.Model = null; break;
            case "color": e.Colour = " "; break;
            case "número de serie": e.SerialNumber = null; break;
            case "número de bien": e.AssetNumber = ""; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }

        return e;
    }

    private async Task<string> OpenAsync()
    {
        var created = await _flow.CreateAsync(_user, new NewRequest
        {
            ProcedureCode = ProcedureCodes.DictamenTecnico,
            Title = "Dictamen de CPU para devolución",
        });
        Assert.Equal("Solicitado", created.Summary.State);
        return created.Summary.Number;
    }

    [Fact]
    public async Task Fire_EnviarARevisionBeforeTheDictamenIsGenerated_IsRefused()
    {
        var number = await ToEquipmentReviewAsync();
        await _flow.AttachAsync(_technician, number, AttachmentKind.Fotografia, "image/png");
        await _flow.StepAsync(_technician, number, "enviar-a-elaboracion", "En elaboración", new ActionInput { Equipment = FullEquipment() });

        var asAssistant = await _db.Requests(s => s.Queries.GetAsync(_assistant, number, default));
        Assert.Contains("generar el dictamen técnico (Excel o PDF) para que lo revisen", Assert.Single(asAssistant.Actions, a => a.Action == "enviar-a-revision").Missing);
        await _flow.RefusedAsync(_assistant, number, "enviar-a-revision", ActionInput.None, ErrorKind.Invalid, "falta generar el dictamen técnico");
        await _db.RecordDictamenAsync(_assistant, number);
        await _flow.StepAsync(_assistant, number, "enviar-a-revision", "En revisión");
    }

    private async Task<string> ToEquipmentReviewAsync()
    {
        var number = await OpenAsync();
        await _flow.StepAsync(_infraHead, number, "asignar", "Asignado", new ActionInput { AssigneeId = _technician.PersonId });
        await _flow.StepAsync(_technician, number, "revisar-equipo", "Revisión del equipo");
        return number;
    }

    private async Task<string> ToReviewAsync()
    {
        var number = await ToEquipmentReviewAsync();
        await _flow.AttachAsync(_technician, number, AttachmentKind.Fotografia, "image/png");
        var recorded = await _flow.StepAsync(_technician, number, "enviar-a-elaboracion", "En elaboración", new ActionInput { Equipment = FullEquipment() });
        Assert.Equal("HP", recorded.Equipment?.Brand);
        await _db.RecordDictamenAsync(_assistant, number);
        await _flow.StepAsync(_assistant, number, "enviar-a-revision", "En revisión");
        return number;
    }
}
