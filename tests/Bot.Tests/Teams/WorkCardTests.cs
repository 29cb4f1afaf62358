using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.TestKit;
using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Documents;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using static SosepBot.Bot.Tests.Teams.WorkCardJson;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>
/// IT staff's work cards beyond take/resolve — assign, return with observations, approve / reject with a
/// justification, sign a dictamen — through invokes to POST /api/messages: each button only for the roles the
/// procedure allows, and a forged invoke from anybody else refused in the card with nothing changed.
/// </summary>
public sealed class WorkCardTests : IAsyncLifetime
{
    private const string Ana = "aad-ana-0101";
    private const string Tito = "aad-tito-0102";
    private const string Lola = "aad-lola-0103";
    private const string Rosa = "aad-rosa-0104";
    private const string Dora = "aad-dora-0105";
    private const string Alma = "aad-alma-0106";
    private TeamsHost _host = null!;
    private Person _ana = null!;
    private Person _tito = null!;
    private Person _lola = null!;
    private Person _rosa = null!;
    private Person _dora = null!;
    private Person _alma = null!;

    public async Task InitializeAsync()
    {
        _host = await TeamsHost.StartAsync();
        _ana = await _host.PersonAsync("Ana Pérez", Ana);
        _tito = await _host.PersonAsync("Tito López", Tito, Role.Technician);
        _lola = await _host.PersonAsync("Lola Ruiz", Lola, Role.Technician);
        _rosa = await _host.PersonAsync("Rosa Díaz", Rosa, Role.InfraHead);
        _dora = await _host.PersonAsync("Dora Méndez", Dora, Role.ItDirector);
        _alma = await _host.PersonAsync("Alma Cruz", Alma, Role.Assistant);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Assign_InfraHeadChoosesATechnician_TheTicketIsTheirs()
    {
        var number = await OpenAsync(_ana, ProcedureCodes.SoporteTecnico, "el proyector no da imagen");
        var card = await CardAsync(Rosa, number);
        var choices = Inputs(card, "asignar")["assignee"];
        Assert.Equal("Input.ChoiceSet", choices["type"]!.GetValue<string>());
        Assert.Equal(["Lola Ruiz", "Tito López"], choices["choices"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
        Assert.True(choices["isRequired"]!.GetValue<bool>());

        var assign = Data(card, "asignar");
        assign["assignee"] = Id(_lola.Id); // what Teams adds from the chosen value
        var assigned = await _host.InvokeAsync(_host.Execute(Rosa, "accion", assign));

        Assert.Contains($"Listo: Asignar técnico. La solicitud {number} está ahora en «Asignado»", Text(assigned), StringComparison.Ordinal);
        Assert.Contains("Lola Ruiz", Text(assigned), StringComparison.Ordinal);
        var request = await RequestAsync(number);
        Assert.Equal(("Asignado", _lola.Id), (request.State, request.AssigneeId));
        Assert.Contains(number, Text(await _host.InvokeAsync(_host.Execute(Lola, "pendientes", []))), StringComparison.Ordinal);
        Assert.DoesNotContain(number, Text(await _host.InvokeAsync(_host.Execute(Tito, "pendientes", []))), StringComparison.Ordinal);
        Assert.Equal(["atender"], Actions(await CardAsync(Lola, number)));
    }

    [Fact]
    public async Task Assign_TechnicianWithoutTheRole_HasNoButtonAndAForgedInvokeIsRefused()
    {
        var number = await OpenAsync(_ana, ProcedureCodes.SoporteTecnico, "la impresora del tercer nivel atasca papel");
        var rosas = Data(await CardAsync(Rosa, number), "asignar");
        Assert.DoesNotContain("asignar", Actions(await CardAsync(Tito, number)));
        Assert.Empty(Actions(await CardAsync(Ana, number)).Intersect(["asignar", "tomar"]));

        rosas["assignee"] = Id(_tito.Id);
        var refused = await _host.InvokeAsync(_host.Execute(Tito, "accion", rosas));

        Assert.Contains($"⚠️ No tiene permiso para «Asignar técnico» en la solicitud {number}: corresponde a", Text(refused), StringComparison.Ordinal);
        await AssertUnchangedAsync(number, "Abierto", assignee: null);
    }

    [Fact]
    public async Task Assign_NobodyChosenOrNotATechnician_IsRefusedInTheCardAndNothingChanges()
    {
        var number = await OpenAsync(_ana, ProcedureCodes.SoporteTecnico, "no abre el sistema de inventarios");
        var assign = Data(await CardAsync(Rosa, number), "asignar");

        var nobody = await _host.InvokeAsync(_host.Execute(Rosa, "accion", assign.DeepClone().AsObject()));
        assign["assignee"] = Id(_alma.Id);
        var assistant = await _host.InvokeAsync(_host.Execute(Rosa, "accion", assign));

        const string Refusal = "⚠️ No se puede «Asignar técnico» todavía: falta elegir a una persona con el rol";
        Assert.Contains(Refusal, Text(nobody), StringComparison.Ordinal);
        Assert.Contains(Refusal, Text(assistant), StringComparison.Ordinal);
        Assert.Contains("asignar", Actions(assistant)); // the card still offers the action, to choose again
        await AssertUnchangedAsync(number, "Abierto", assignee: null);
    }

    [Fact]
    public async Task ReturnWithObservations_DirectorWritesThem_DictamenGoesBackToTheAssistant()
    {
        var number = await DictamenInReviewAsync();
        var card = await CardAsync(Dora, number);
        var observations = Inputs(card, "observar")["text"];
        Assert.Equal(("Input.Text", true), (observations["type"]!.GetValue<string>(), observations["isRequired"]!.GetValue<bool>()));
        Assert.Equal("Las observaciones", observations["label"]!.GetValue<string>());
        Assert.DoesNotContain("observar", Actions(await CardAsync(Ana, number)));
        Assert.DoesNotContain("observar", Actions(await CardAsync(Alma, number)));

        var observe = Data(card, "observar");
        observe["text"] = "El número de serie del dictamen no coincide con la etiqueta del CPU.";
        var returned = await _host.InvokeAsync(_host.Execute(Dora, "accion", observe));

        Assert.Contains("está ahora en «En elaboración»", Text(returned), StringComparison.Ordinal);
        Assert.Contains("El número de serie del dictamen no coincide", Text(returned), StringComparison.Ordinal); // in the history
        Assert.Equal("En elaboración", (await RequestAsync(number)).State);
        Assert.Contains("enviar-a-revision", Actions(await CardAsync(Alma, number)));
    }

    [Fact]
    public async Task ReturnWithObservations_ForgedByTheRequester_IsRefusedAndNothingChanges()
    {
        var number = await DictamenInReviewAsync();
        var observe = Data(await CardAsync(Dora, number), "observar");
        observe["text"] = "Quiero cambiar el dictamen.";
        var before = await AuditCountAsync(number);

        var refused = await _host.InvokeAsync(_host.Execute(Ana, "accion", observe));

        Assert.Contains("⚠️ No tiene permiso para «Devolver con observaciones»", Text(refused), StringComparison.Ordinal);
        Assert.Equal("En revisión", (await RequestAsync(number)).State);
        Assert.Equal(before, await AuditCountAsync(number));
    }

    [Fact]
    public async Task Reject_WithoutJustification_IsRefusedWithCoresMessageAndNothingChanges()
    {
        var number = await ApplicationChangeInReviewAsync();
        var card = await CardAsync(Dora, number);
        Assert.Equal(["rechazar", "aprobar"], Actions(card));
        Assert.True(Inputs(card, "rechazar")["text"]["isRequired"]!.GetValue<bool>());
        var before = await AuditCountAsync(number);
        var reject = Data(card, "rechazar");
        reject["text"] = "   "; // Teams validates the required input; a forged invoke or an old client does not

        var refused = await _host.InvokeAsync(_host.Execute(Dora, "accion", reject));

        Assert.Contains("⚠️ No se puede «Rechazar con justificación» todavía: falta indicar la justificación.", Text(refused), StringComparison.Ordinal);
        Assert.Equal(["rechazar", "aprobar"], Actions(refused));
        Assert.Equal("En revisión", (await RequestAsync(number)).State);
        Assert.Equal(before, await AuditCountAsync(number));
    }

    [Fact]
    public async Task Reject_WithJustification_ClosesTheRequestAndRecordsWhy()
    {
        var number = await ApplicationChangeInReviewAsync();
        var reject = Data(await CardAsync(Dora, number), "rechazar");
        reject["text"] = "El módulo será reemplazado por el nuevo sistema el próximo año.";

        var rejected = await _host.InvokeAsync(_host.Execute(Dora, "accion", reject));

        Assert.Contains("está ahora en «Rechazada»", Text(rejected), StringComparison.Ordinal);
        Assert.Empty(Actions(rejected));
        var entry = await _host.DbAsync(db => db.AuditEntries.Where(a => a.Action == "rechazar").SingleAsync());
        Assert.Equal(("En revisión", "Rechazada", "El módulo será reemplazado por el nuevo sistema el próximo año."), (entry.FromState, entry.ToState, entry.Detail));
        Assert.Equal(_dora.Id, entry.ActorId);
    }

    [Fact]
    public async Task ReleaseToTests_AnalystNamesTheTestersOnTheCard_TheTesterSeesAndApproves()
    {
        const string Jefa = "aad-jefa-0107", Ariel = "aad-ariel-0108", Pablo = "aad-pablo-0109";
        var devHead = await _host.PersonAsync("Jefa Desarrollo", Jefa, Role.DevHead);
        var developer = await _host.PersonAsync("Ariel Analista", Ariel, Role.Developer);
        var tester = await _host.PersonAsync("Pablo Probador", Pablo);
        var number = await ApplicationChangeInReviewAsync();
        await StepAsync(_dora, number, "aprobar");
        await StepAsync(devHead, number, "asignar", new ActionInput { AssigneeId = developer.Id });
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            var service = RequestServices.From(scope.ServiceProvider);
            foreach (var kind in new[] { AttachmentKind.DocumentoRequerimiento, AttachmentKind.PlanTrabajo })
            {
                using var pdf = new MemoryStream("%PDF-1.4\n% plan\n"u8.ToArray());
                await service.Files.AttachAsync(PeopleService.ActorOf(developer, Channel.Teams)!, number, kind, $"{kind}.pdf", "application/pdf", pdf, default);
            }
        }

        await StepAsync(developer, number, "enviar-plan", new ActionInput { PlannedEnd = new DateOnly(2026, 6, 30) });
        await StepAsync(devHead, number, "aprobar-plan");
        Assert.DoesNotContain("aprobar-pruebas", Text(await CardAsync(Pablo, number)));

        var card = await CardAsync(Ariel, number);
        var testers = Inputs(card, "liberar-a-pruebas")["testers"];
        Assert.Equal(("Input.Text", true), (testers["type"]!.GetValue<string>(), testers["isRequired"]!.GetValue<bool>()));
        var release = Data(card, "liberar-a-pruebas");
        release["testers"] = "nadie@sosep.gob.gt";
        Assert.Contains("nadie@sosep.gob.gt", Text(await _host.InvokeAsync(_host.Execute(Ariel, "accion", release))), StringComparison.Ordinal);
        Assert.Equal("En desarrollo", (await RequestAsync(number)).State);
        release["testers"] = SosepApiFactory.EmailOf("Pablo Probador");
        var released = await _host.InvokeAsync(_host.Execute(Ariel, "accion", release));

        Assert.Contains("está ahora en «En pruebas»", Text(released), StringComparison.Ordinal);
        var approve = Data(await CardAsync(Pablo, number), "aprobar-pruebas");
        Assert.Contains("Listo: Aprobar las pruebas", Text(await _host.InvokeAsync(_host.Execute(Pablo, "accion", approve))), StringComparison.Ordinal);
        var id = (await RequestAsync(number)).Id;
        Assert.NotNull(await _host.DbAsync(db => db.RequestTesters.Where(t => t.RequestId == id && t.PersonId == tester.Id).Select(t => t.ApprovedAt).SingleAsync()));
    }

    [Fact]
    public async Task Approve_ByTheDirector_MovesOnAndTheAssistantHasNoSuchButtonNorForgedInvoke()
    {
        var number = await ApplicationChangeInReviewAsync();
        Assert.Empty(Actions(await CardAsync(Alma, number)));
        var approve = Data(await CardAsync(Dora, number), "aprobar");

        var forged = await _host.InvokeAsync(_host.Execute(Alma, "accion", approve.DeepClone().AsObject()));
        Assert.Contains("⚠️ No tiene permiso para «Aprobar y trasladar al Jefe de Desarrollo»", Text(forged), StringComparison.Ordinal);
        Assert.Equal("En revisión", (await RequestAsync(number)).State);

        var approved = await _host.InvokeAsync(_host.Execute(Dora, "accion", approve));

        Assert.Contains("está ahora en «Por asignar»", Text(approved), StringComparison.Ordinal);
        Assert.Equal("Por asignar", (await RequestAsync(number)).State);
    }

    [Fact]
    public async Task MissingFiles_TheCardSaysWhatToTypeWithEachFile_AndNothingOnceSent()
    {
        var julia = await _host.PersonAsync("Julia Soto", "aad-julia-0107", Role.DevHead);
        var diego = await _host.PersonAsync("Diego Vega", "aad-diego-0108", Role.Developer);
        var number = await ApplicationChangeInReviewAsync();
        await StepAsync(_dora, number, "aprobar");
        await StepAsync(julia, number, "asignar", new ActionInput { AssigneeId = diego.Id });

        var card = Text(await CardAsync("aad-diego-0108", number));

        Assert.Contains($"Falta: adjuntar documento de requerimiento. Envíe el archivo en este chat con el mensaje «{number} requerimiento».", card, StringComparison.Ordinal);
        Assert.Contains($"Falta: adjuntar plan de trabajo. Envíe el archivo en este chat con el mensaje «{number} plan».", card, StringComparison.Ordinal);

        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            using var plan = new MemoryStream("%PDF-1.4 plan"u8.ToArray());
            await scope.ServiceProvider.GetRequiredService<RequestFiles>().AttachAsync(
                PeopleService.ActorOf(diego, Channel.Teams)!, number, AttachmentKind.PlanTrabajo, "plan.pdf", "application/pdf", plan, default);
        }

        card = Text(await CardAsync("aad-diego-0108", number));
        Assert.Contains($"«{number} requerimiento»", card, StringComparison.Ordinal);
        Assert.DoesNotContain("adjuntar plan de trabajo", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignDictamen_TechnicianThenDirector_IsSigned()
    {
        var number = await DictamenInReviewAsync();
        var director = await CardAsync(Dora, number);
        Assert.Contains("firmar", Actions(director));
        Assert.DoesNotContain("firmar-tecnico", Actions(director));
        Assert.Contains("Falta: la firma del técnico.", Text(director), StringComparison.Ordinal);
        Assert.DoesNotContain("Envíe el archivo", Text(director), StringComparison.Ordinal); // a signature is not a file

        var early = await _host.InvokeAsync(_host.Execute(Dora, "accion", Data(director, "firmar")));
        Assert.Contains("⚠️ No se puede «Firmar (Director)» todavía: falta la firma del técnico.", Text(early), StringComparison.Ordinal);
        Assert.Equal("En revisión", (await RequestAsync(number)).State);

        var technician = await CardAsync(Tito, number);
        Assert.DoesNotContain("firmar", Actions(technician));
        var signed = await _host.InvokeAsync(_host.Execute(Tito, "accion", Data(technician, "firmar-tecnico")));
        Assert.Contains("Listo: Firmar (técnico)", Text(signed), StringComparison.Ordinal);
        Assert.DoesNotContain("firmar-tecnico", Actions(signed)); // signed once: no button to sign again
        Assert.Equal(["firma-tecnico"], (await RequestAsync(number)).Approvals);

        director = await CardAsync(Dora, number);
        Assert.DoesNotContain("Falta: la firma del técnico", Text(director), StringComparison.Ordinal);
        var final = await _host.InvokeAsync(_host.Execute(Dora, "accion", Data(director, "firmar")));

        Assert.Contains($"Listo: Firmar (Director). La solicitud {number} está ahora en «Firmado»", Text(final), StringComparison.Ordinal);
        Assert.Equal("Firmado", (await RequestAsync(number)).State);
        Assert.Equal(["entregar-al-usuario"], Actions(await CardAsync(Tito, number)));
    }

    [Fact]
    public async Task SignDictamen_ForgedByATechnicianNotAssignedOrForTheDirector_IsRefusedAndNothingChanges()
    {
        var number = await DictamenInReviewAsync();
        var technicianSign = Data(await CardAsync(Tito, number), "firmar-tecnico");
        var directorSign = Data(await CardAsync(Dora, number), "firmar");
        Assert.Empty(Actions(await CardAsync(Lola, number)));
        var before = await AuditCountAsync(number);

        var otherTechnician = await _host.InvokeAsync(_host.Execute(Lola, "accion", technicianSign));
        var technicianAsDirector = await _host.InvokeAsync(_host.Execute(Tito, "accion", directorSign));
        var requesterAsDirector = await _host.InvokeAsync(_host.Execute(Ana, "accion", directorSign));

        Assert.Contains("⚠️ No tiene permiso para «Firmar (técnico)»", Text(otherTechnician), StringComparison.Ordinal);
        Assert.Contains("⚠️ No tiene permiso para «Firmar (Director)»", Text(technicianAsDirector), StringComparison.Ordinal);
        Assert.Contains("⚠️ No tiene permiso para «Firmar (Director)»", Text(requesterAsDirector), StringComparison.Ordinal);
        var request = await RequestAsync(number);
        Assert.Equal("En revisión", request.State);
        Assert.Empty(request.Approvals);
        Assert.Equal(before, await AuditCountAsync(number));
    }

    private async Task<System.Text.Json.Nodes.JsonObject> CardAsync(string aad, string number) =>
        await _host.InvokeAsync(_host.Execute(aad, "ver", new System.Text.Json.Nodes.JsonObject { ["number"] = number }));

    private async Task<string> OpenAsync(Person requester, string procedure, string title, FormData? form = null)
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var opened = await scope.ServiceProvider.GetRequiredService<RequestOpening>().OpenAsync(
            PeopleService.ActorOf(requester, Channel.Teams)!,
            new NewRequest { ProcedureCode = procedure, Title = title, Form = form, Channel = Channel.Teams },
            default);
        return opened.Number;
    }

    private async Task StepAsync(Person actor, string number, string action, ActionInput? input = null)
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestActions>().FireAsync(PeopleService.ActorOf(actor, Channel.Teams)!, number, action, input ?? ActionInput.None, default);
    }

    /// <summary>A DS-UI-05 dictamen assigned to Tito, with the equipment data and photo, sent to review by the assistant.</summary>
    private async Task<string> DictamenInReviewAsync()
    {
        var number = await OpenAsync(_ana, ProcedureCodes.DictamenTecnico, "Dictamen del CPU para devolverlo a Inventarios");
        await StepAsync(_rosa, number, "asignar", new ActionInput { AssigneeId = _tito.Id });
        await StepAsync(_tito, number, "revisar-equipo");
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            using var photo = new MemoryStream(Bot.Teams.Manifest.PngIcon.Color());
            await scope.ServiceProvider.GetRequiredService<RequestFiles>().AttachAsync(
                PeopleService.ActorOf(_tito, Channel.Teams)!, number, AttachmentKind.Fotografia, "cpu.png", "image/png", photo, default);
        }

        await StepAsync(_tito, number, "enviar-a-elaboracion", new ActionInput
        {
            Equipment = new EquipmentData { Brand = "HP", Model = "ProDesk 400", Colour = "Negro", SerialNumber = "MXL1234", AssetNumber = "SOSEP-0042" },
        });
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDocumentService>().GenerateAsync(
                PeopleService.ActorOf(_alma, Channel.Teams)!, number, DocumentKind.DictamenPdf, default);
        }

        await StepAsync(_alma, number, "enviar-a-revision");
        Assert.Equal("En revisión", (await RequestAsync(number)).State);
        return number;
    }

    /// <summary>A DS-UI-02 change request (DI-Frm_001) moved by the assistant to the director's review.</summary>
    private async Task<string> ApplicationChangeInReviewAsync()
    {
        var number = await OpenAsync(_ana, ProcedureCodes.MantenimientoAplicaciones, "Agregar el reporte de existencias por bodega", new FormData
        {
            FormCode = "DI-Frm_001",
            ChangeKind = ChangeKind.Actualizacion,
            ModuleOrSystem = "Sistema de Inventarios",
            OperationalUnit = "Dirección Financiera",
            FirstNames = "Ana",
            LastNames = "Pérez",
            Nit = "1234567-9",
            Cui = "2470945600101",
            InstitutionalEmail = "aperez@sosep.gob.gt",
            JobTitle = "Analista financiera",
        });
        await StepAsync(_alma, number, "trasladar");
        return number;
    }

    private Task<Request> RequestAsync(string number) =>
        _host.DbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Number == number));

    private Task<int> AuditCountAsync(string number) =>
        _host.DbAsync(db => db.AuditEntries.CountAsync(a => db.Requests.Any(r => r.Id == a.RequestId && r.Number == number)));

    private async Task AssertUnchangedAsync(string number, string state, long? assignee)
    {
        var request = await RequestAsync(number);
        Assert.Equal((state, assignee), (request.State, request.AssigneeId));
        Assert.Equal(1, await _host.DbAsync(db => db.AuditEntries.CountAsync(a => a.RequestId == request.Id)));
        Assert.Equal(0, await _host.DbAsync(db => db.AuditEntries.CountAsync(a => a.RequestId == request.Id && a.Kind == AuditKind.Transition)));
    }
}
