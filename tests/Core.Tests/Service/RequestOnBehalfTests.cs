using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Audit;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>IT staff register requests for somebody else (a phone call, a paper form); nobody else may.</summary>
public sealed class RequestOnBehalfTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _user = null!;
    private Actor _other = null!;
    private string _userEmail = null!;
    private string _otherEmail = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _user = await _db.PersonAsync("Ana Usuaria");
        _other = await _db.PersonAsync("Bruno Usuario");
        _userEmail = await _db.EmailAsync(_user);
        _otherEmail = await _db.EmailAsync(_other);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Create_InfraHeadByPhoneForSiteUser_RequesterIsTheUserAndChannelIsPhone()
    {
        var head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);
        await _db.SitePersonAsync("Ana Usuaria");

        var created = await _db.Requests(s => s.Opening.OpenAsync(head, new NewRequest
        {
            ProcedureCode = ProcedureCodes.SoporteSedes,
            Title = "La sede de Cobán no tiene red",
            RequesterEmail = _userEmail.ToUpperInvariant(),
            Channel = Channel.Phone,
        }, default));

        Assert.Equal(_user.PersonId, created.Summary.Requester.Id);
        Assert.Equal(Channel.Phone, created.Summary.OpenedVia);
        var opened = Assert.Single(created.Details.History);
        Assert.Equal((AuditKind.Created, "Jefe Infra", Role.InfraHead.ToSpanish(), Channel.Phone),
            (opened.Kind, opened.Actor, opened.Role, opened.Channel));

        // The user now sees it among their own requests.
        var mine = await _db.Requests(s => s.Queries.ListAsync(_user, new RequestFilter(), default));
        Assert.Equal(created.Summary.Number, Assert.Single(mine).Number);
        Assert.Equal(created.Summary.Number, (await _db.Requests(s => s.Queries.GetAsync(_user, created.Summary.Number, default))).Summary.Number);
    }

    [Fact]
    public async Task Create_AssistantForAnotherPersonOverApi_IsAllowed()
    {
        var assistant = await _db.PersonAsync("Asistente Uno", Role.Assistant);

        var created = await _db.Requests(s => s.Opening.OpenAsync(assistant, ServiceData.Ticket() with { RequesterEmail = _otherEmail }, default));

        Assert.Equal(_other.PersonId, created.Summary.Requester.Id);
        Assert.Equal(Channel.Api, created.Summary.OpenedVia);
    }

    [Fact]
    public async Task Create_PlainUserForAnotherPerson_IsForbiddenAndNothingIsCreated()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Ticket() with { RequesterEmail = _otherEmail }, default)));

        Assert.Equal(ErrorKind.Forbidden, refusal.Kind);
        Assert.Contains("a nombre de otra persona", refusal.Message, StringComparison.Ordinal);
        await AssertNoRequestsAsync();
    }

    [Fact]
    public async Task Create_PlainUserByPhone_IsForbiddenAndNothingIsCreated()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Opening.OpenAsync(_user,
            new NewRequest { ProcedureCode = ProcedureCodes.SoporteSedes, Title = "Sin red", Channel = Channel.Phone }, default)));

        Assert.Equal(ErrorKind.Forbidden, refusal.Kind);
        Assert.Contains("teléfono", refusal.Message, StringComparison.Ordinal);
        await AssertNoRequestsAsync();
    }

    [Fact]
    public async Task Create_PlainUserNamingThemself_IsAllowed()
    {
        var created = await _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Ticket() with { RequesterEmail = $" {_userEmail} " }, default));

        Assert.Equal(_user.PersonId, created.Summary.Requester.Id);
        Assert.Equal(RoleNames.Requester, Assert.Single(created.Details.History).Role);
    }

    [Fact]
    public async Task Create_StaffForUnknownEmail_IsNotFoundAndNothingIsCreated()
    {
        var head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Opening.OpenAsync(head,
            ServiceData.Ticket() with { RequesterEmail = "nadie@sosep.gob.gt", Channel = Channel.Phone }, default)));

        Assert.Equal(ErrorKind.NotFound, refusal.Kind);
        Assert.Equal("solicitante", refusal.Field);
        await AssertNoRequestsAsync();
    }

    [Fact]
    public async Task Create_AfterRefusals_NumberingIsNotConsumed()
    {
        await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Ticket() with { RequesterEmail = _otherEmail }, default)));
        await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Ticket() with { Channel = Channel.Phone }, default)));

        var created = await _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Ticket(), default));

        Assert.Equal("UI-2026-00001", created.Summary.Number);
    }

    private async Task AssertNoRequestsAsync()
    {
        var (requests, audit, events) = await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            return (await db.Requests.CountAsync(), await db.AuditEntries.CountAsync(), await db.RequestEvents.CountAsync());
        });
        Assert.Equal((0, 0, 0), (requests, audit, events));
    }
}
