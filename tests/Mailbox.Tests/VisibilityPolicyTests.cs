using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SosepBot.Core.Mail;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Mailbox.Ingestion;
using SosepBot.TestKit;

namespace SosepBot.Mailbox.Tests;

/// <summary>
/// One visibility policy: for each person and request, the policy itself, the list, the details, and the mail
/// channel's "takes part" rule (a reply threads onto the request, or opens a new one) give the same answer.
/// </summary>
public sealed class VisibilityPolicyTests
{
    private const string Mailbox = "imap:helpdesk@sosep.test/INBOX";

    public static TheoryData<string, string, bool> Cases => new()
    {
        // (who replies, which request, may see it)
        { "ana", ProcedureCodes.SoporteTecnico, true },     // its requester
        { "bruno", ProcedureCodes.SoporteTecnico, false },  // a stranger
        { "ivan", ProcedureCodes.SoporteTecnico, false },   // a role that acts on other procedures only
        { "tito", ProcedureCodes.SoporteTecnico, true },    // IT staff
        { "ivan", ProcedureCodes.DictamenTecnico, true },   // a role that acts on its procedure
        { "bruno", ProcedureCodes.DictamenTecnico, false },
        { "ana", ProcedureCodes.DictamenTecnico, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MaySee_QueriesAndMailReplyAgree(string who, string procedure, bool expected)
    {
        var settings = MailEnvironment.Settings("helpdesk@sosep.test", "sosep.test");
        settings["Mailbox:Imap:Port"] = "143";
        settings["Mailbox:Smtp:Port"] = "25";
        await using var db = await TestDatabase.CreateAsync(settings, (s, c) => s.AddSosepMailbox(c));
        var people = new Dictionary<string, Actor>
        {
            ["ana"] = await PersonAsync(db, "ana", "Ana Usuaria"),
            ["bruno"] = await PersonAsync(db, "bruno", "Bruno Usuario"),
            ["ivan"] = await PersonAsync(db, "ivan", "Iván Inventarios", Role.Inventory),
            ["tito"] = await PersonAsync(db, "tito", "Tito Técnico", Role.Technician),
        };
        var number = (await db.Requests(s => s.Opening.OpenAsync(people["ana"],
            new NewRequest { ProcedureCode = procedure, Title = "La computadora de recepción no enciende" }, default))).Number;
        var actor = people[who];

        var policy = await db.InScopeAsync(async sp =>
        {
            var request = await sp.GetRequiredService<SosepDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Number == number);
            return await sp.GetRequiredService<RequestVisibility>().MaySeeAsync(actor, request, default);
        });
        var listed = (await db.Requests(s => s.Queries.ListAsync(actor, new RequestFilter { Take = 200 }, default))).Any(r => r.Number == number);
        var shown = await db.Requests(async s => await Record.ExceptionAsync(() => s.Queries.GetAsync(actor, number, default)) is null);
        var reply = await IngestAsync(db, MailEnvironment.Mail($"{who}@sosep.test", "helpdesk@sosep.test", $"RE: [{number}] La computadora", "¿Hay novedades?"));

        Assert.Equal(expected, policy);
        Assert.Equal(expected, listed);
        Assert.Equal(expected, shown);
        Assert.Equal(expected ? MailOutcome.Comment : MailOutcome.Request, reply.Outcome);
        Assert.Equal(expected, reply.RequestNumber == number);
    }

    private static async Task<Actor> PersonAsync(TestDatabase db, string user, string name, params Role[] roles)
    {
        var person = await db.InScopeAsync(sp => sp.GetRequiredService<PeopleService>().UpsertAsync(
            new PersonInput { Email = $"{user}@sosep.test", DisplayName = name, Roles = roles.Select(r => r.ToString()).ToList() }, default));
        return PeopleService.ActorOf(person, Core.Requests.Channel.Api)!;
    }

    private static Task<IngestResult> IngestAsync(TestDatabase db, MimeMessage message)
    {
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        var bytes = raw.ToArray();
        return db.InScopeAsync(sp => sp.GetRequiredService<MailIngestor>().IngestAsync(Mailbox, "9:1", bytes, CancellationToken.None));
    }
}
