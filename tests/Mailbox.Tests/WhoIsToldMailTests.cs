using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>
/// Who must act next is told, over real mail (Postfix → Dovecot): a ticket opened through the API acknowledges its
/// requester and reaches the Jefe de Infraestructura; a DS-UI-01 oficio reaches the Asistente; a proposed calendar
/// reaches the Despacho; notices queued while no channel was configured go out once mail is.
/// </summary>
public sealed class WhoIsToldMailTests
{
    [SkippableFact]
    public async Task ApiTicket_RequesterGetsAcknowledgement_HeadGetsWaitingNotice_BothNameTheNumber()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var ana = await PersonAsync(h.Db, "ana", "Ana Pérez");
        var rosa = await PersonAsync(h.Db, "rosa", "Rosa Díaz", Role.InfraHead);

        var number = await OpenAsync(h.Db, ana, ProcedureCodes.SoporteTecnico, "Mi impresora no imprime");
        await h.NotifyAndDeliverAsync();

        var ack = Assert.Single(await MailEnvironment.WaitForInboxAsync(ana.Email, 1));
        Assert.Equal($"[{number}] Recibimos su solicitud: Mi impresora no imprime", ack.Subject);
        Assert.Contains($"Número: {number}", ack.TextBody, StringComparison.Ordinal);
        Assert.Contains("Qué sigue:", ack.TextBody, StringComparison.Ordinal);
        var notice = Assert.Single(await MailEnvironment.WaitForInboxAsync(rosa.Email, 1));
        Assert.Equal($"[{number}] Le espera: asignar técnico — Mi impresora no imprime", notice.Subject);
        Assert.Contains($"Le espera: {number} · Soporte técnico · asignar técnico · vence el", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", notice.Headers[HeaderId.AutoSubmitted]);
    }

    [SkippableFact]
    public async Task NewApplicationOficio_ReachesTheAssistant_ProposedCalendar_ReachesTheDespacho()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var h = await MailHarness.CreateAsync();
        var despacho = await PersonAsync(h.Db, "despacho", "Despacho Superior", Role.Despacho);
        var asistente = await PersonAsync(h.Db, "asistente", "Marta Asistente", Role.Assistant);
        var director = await PersonAsync(h.Db, "director", "Luis Director", Role.ItDirector);
        var tecnico = await PersonAsync(h.Db, "tecnico", "Tito Técnico", Role.Technician);

        var oficio = await OpenAsync(h.Db, despacho, ProcedureCodes.NuevaAplicacion, "Sistema de control de becas");
        await h.NotifyAndDeliverAsync();
        var toAssistant = Assert.Single(await MailEnvironment.WaitForInboxAsync(asistente.Email, 1));
        Assert.Equal($"[{oficio}] Le espera: recibir el oficio — Sistema de control de becas", toAssistant.Subject);

        await h.Db.UnitAsync("Dirección de Recursos Humanos", contacts: [tecnico.Email]);
        var calendar = await OpenAsync(h.Db, director, ProcedureCodes.MantenimientoPreventivo, "Mantenimiento preventivo 2027");
        await h.Db.Requests(s => s.Opening.OpenAsync(director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.VisitaMantenimiento, Title = "Visita a Recursos Humanos", ParentNumber = calendar,
            Unit = "Dirección de Recursos Humanos", ScheduledFor = h.Db.Time.GetUtcNow().AddDays(20),
            AssigneeEmail = tecnico.Email, RequesterEmail = tecnico.Email,
        }, default));
        await h.Db.Requests(s => s.Actions.FireAsync(asistente, calendar, "proponer", ActionInput.None, default));
        await h.NotifyAndDeliverAsync();

        var toDespacho = await MailEnvironment.WaitForInboxAsync(despacho.Email, 2);
        var proposed = Assert.Single(toDespacho, m => m.Subject?.Contains(calendar, StringComparison.Ordinal) == true);
        Assert.Equal($"[{calendar}] Le espera: devolver con observaciones o aprobar la calendarización — Mantenimiento preventivo 2027", proposed.Subject);
    }

    [SkippableFact]
    public async Task NoChannelConfigured_NoticesWait_AndGoOutOnceMailIsConfigured()
    {
        MailEnvironment.SkipUnlessConfigured();
        await using var offline = await TestDatabase.CreateAsync(configureServices: (s, c) => s.AddSosepMailbox(c));
        var ana = await PersonAsync(offline, "ana", "Ana Pérez");
        var rosa = await PersonAsync(offline, "rosa", "Rosa Díaz", Role.InfraHead);
        var number = await OpenAsync(offline, ana, ProcedureCodes.SoporteTecnico, "Sin internet");
        await offline.InScopeAsync(sp => sp.GetRequiredService<RequestNotifier>().ProcessAsync(default));
        var waiting = await offline.InScopeAsync(sp => sp.GetRequiredService<DeadLetters>().AwaitingChannelAsync(PeopleService.ActorOf(AsPerson(rosa), Channel.Api)!, default));
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, w => Assert.Equal("sin canal: el correo del servicio no está configurado", w.LastError));

        // The same database, now with the mailbox configured (as after a restart with Mailbox:Transport set).
        var settings = MailEnvironment.Settings(MailEnvironment.NewAddress("helpdesk"));
        settings["Database:ConnectionString"] = offline.ConnectionString;
        await using var online = await TestDatabase.CreateAsync(settings, (s, c) => s.AddSosepMailbox(c));
        var (released, givenUp) = await online.InScopeAsync(sp => sp.GetRequiredService<ChannelWaitingRoom>().ReleaseAsync(default));
        Assert.Equal((2, 0), (released, givenUp));
        await online.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default));

        Assert.Contains(number, Assert.Single(await MailEnvironment.WaitForInboxAsync(ana.Email, 1)).Subject, StringComparison.Ordinal);
        Assert.Contains(number, Assert.Single(await MailEnvironment.WaitForInboxAsync(rosa.Email, 1)).Subject, StringComparison.Ordinal);
    }

    private static Person AsPerson(Actor actor) => new()
    {
        Id = actor.PersonId, DisplayName = actor.DisplayName, Email = string.Empty,
        Roles = actor.Roles.Select(r => new PersonRole { PersonId = actor.PersonId, Role = r }).ToList(),
    };

    private sealed record Registered(Actor Actor, string Email)
    {
        public static implicit operator Actor(Registered r) => r.Actor;
    }

    private static async Task<Registered> PersonAsync(TestDatabase db, string name, string displayName, params Role[] roles)
    {
        var email = MailEnvironment.NewAddress(name);
        var person = await db.InScopeAsync(sp => sp.GetRequiredService<PeopleService>().UpsertAsync(
            new PersonInput { Email = email, DisplayName = displayName, Roles = roles.Select(r => r.ToString()).ToList() }, default));
        return new Registered(PeopleService.ActorOf(person, Channel.Api)!, email);
    }

    private static async Task<string> OpenAsync(TestDatabase db, Actor actor, string procedure, string title) =>
        (await db.Requests(s => s.Opening.OpenAsync(actor, new NewRequest { ProcedureCode = procedure, Title = title }, default))).Summary.Number;
}
