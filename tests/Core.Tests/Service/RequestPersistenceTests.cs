using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>What is written is what is read back, in a new scope, on SQLite always and on SQL Server when configured.</summary>
public sealed class RequestPersistenceTests
{
    private const string SqlServerSkip = "SQL Server not configured: set SOSEPBOT_TEST_SQLSERVER";

    [Fact]
    public async Task RoundTrip_RunsEngine_FormsEquipmentApprovalsCommentsHistoryAndDueDatesReadBackAsWritten()
    {
        await using var db = await TestDatabase.CreateAsync();
        await RoundTripAsync(db);
    }

    [SkippableFact]
    public async Task RoundTrip_SqlServer_FormsEquipmentApprovalsCommentsHistoryAndDueDatesReadBackAsWritten()
    {
        Skip.IfNot(TestDatabase.SqlServerConfigured, SqlServerSkip);
        await using var db = await TestDatabase.CreateOnAsync(DatabaseProvider.SqlServer);
        await RoundTripAsync(db);
    }

    [Fact]
    [Trait("Engine", "Sqlite")]
    public async Task RoundTrip_SqliteClockWithSubMillisecondTicks_TimesReadBackExactly()
    {
        await using var db = await TestDatabase.CreateSqliteAsync();
        await PreciseTimesAsync(db);
    }

    [SkippableFact]
    public async Task RoundTrip_SqlServerClockWithSubMillisecondTicks_TimesReadBackExactly()
    {
        Skip.IfNot(TestDatabase.SqlServerConfigured, SqlServerSkip);
        await using var db = await TestDatabase.CreateOnAsync(DatabaseProvider.SqlServer);
        await PreciseTimesAsync(db);
    }

    private static async Task RoundTripAsync(TestDatabase db)
    {
        var user = await db.PersonAsync("Ana Usuaria", Role.UnitDirector);
        var head = await db.PersonAsync("Jefe Infra", Role.InfraHead);
        var tech = await db.PersonAsync("Tito Tecnico", Role.Technician);
        var assistant = await db.PersonAsync("Asistente Uno", Role.Assistant);
        var director = await db.PersonAsync("Director Informatica", Role.ItDirector);

        // DS-UI-07 with the whole DI-Frm_003, opened Monday 09:00 in Guatemala.
        var account = await db.Requests(s => s.Opening.OpenAsync(user, new NewRequest
        {
            ProcedureCode = ProcedureCodes.UsuarioDominio,
            Title = "Usuario y correo para María José Pérez",
            Description = "Nueva asistente de la Dirección Administrativa.",
            Form = ServiceData.DomainAccountForm(),
            Priority = Priority.Alta,
        }, default));
        var accountNumber = account.Summary.Number;

        var readAccount = await db.Requests(s => s.Queries.GetAsync(user, accountNumber, default));
        Assert.Equal(Json(ServiceData.DomainAccountFormNormalized()), Json(readAccount.Form));
        Assert.Equal(ServiceData.CuiNormalized, readAccount.Form!.Cui);
        Assert.Equal(ServiceData.NitNormalized, readAccount.Form.Nit);
        Assert.Equal(Priority.Alta, readAccount.Summary.Priority);
        Assert.Equal("Nueva asistente de la Dirección Administrativa.", readAccount.Description);
        var row = await db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Number == accountNumber));
        Assert.Equal(Json(ServiceData.DomainAccountFormNormalized()), Json(row.Form));

        // Solicitada has 8 business hours: Monday 09:00 → Tuesday 09:00, kept with Guatemala's offset.
        Assert.Equal(ServiceData.LocalTime(2026, 3, 3, 9), readAccount.Summary.DueAt);
        // Instants are stored and returned in UTC (SQLite keeps UTC ticks; SQL Server keeps what was written, which is UTC).
        Assert.Equal(TimeSpan.Zero, readAccount.Summary.DueAt!.Value.Offset);
        Assert.Equal(ServiceData.LocalTime(2026, 3, 2, 9), readAccount.Summary.CreatedAt);
        Assert.Equal(row.DueAt, readAccount.Summary.DueAt);
        Assert.Equal(row.DueAt!.Value.Offset, readAccount.Summary.DueAt!.Value.Offset);

        // DS-UI-05: equipment given at opening (padded), then completed by the technician; an approval; comments.
        var padded = ServiceData.FullEquipment();
        padded.Brand = "  HP ";
        padded.Colour = "\tNegro\n";
        padded.SerialNumber = " ";
        var opinion = await db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Opinion(padded), default));
        var number = opinion.Summary.Number;
        var readOpinion = await db.Requests(s => s.Queries.GetAsync(user, number, default));
        var expectedAtOpening = ServiceData.FullEquipment();
        expectedAtOpening.SerialNumber = null;
        Assert.Equal(Json(expectedAtOpening), Json(readOpinion.Equipment));

        db.Time.Advance(TimeSpan.FromMinutes(5));
        await db.Requests(s => s.Actions.FireAsync(head, number, "asignar", new ActionInput { AssigneeId = tech.PersonId }, default));
        await db.Requests(s => s.Actions.CommentAsync(user, number, "El equipo está en recepción.", default));
        db.Time.Advance(TimeSpan.FromMinutes(5));
        await db.Requests(s => s.Actions.FireAsync(tech, number, "revisar-equipo", ActionInput.None, default));
        await db.AttachAsync(tech, number, AttachmentKind.Fotografia, "frente.jpg", "image/jpeg", ServiceData.Jpeg(2048));
        await db.Requests(s => s.Actions.CommentAsync(tech, number, "Tomé las fotografías.", default));
        await db.Requests(s => s.Actions.FireAsync(tech, number, "enviar-a-elaboracion",
            new ActionInput { Equipment = new EquipmentData { SerialNumber = " 5CD9999ABC ", Findings = "Placa madre dañada." } }, default));
        db.Time.Advance(TimeSpan.FromHours(1));
        await db.RecordDictamenAsync(assistant, number);
        await db.Requests(s => s.Actions.FireAsync(assistant, number, "enviar-a-revision", ActionInput.None, default));
        var reviewEnteredAt = db.Time.GetUtcNow();
        await db.Requests(s => s.Actions.FireAsync(tech, number, "firmar-tecnico", ActionInput.None, default));

        var signed = await db.Requests(s => s.Queries.GetAsync(director, number, default));
        Assert.Equal(new[] { "firma-tecnico" }, signed.Approvals);
        var expectedEquipment = ServiceData.FullEquipment("5CD9999ABC");
        expectedEquipment.Findings = "Placa madre dañada.";
        Assert.Equal(Json(expectedEquipment), Json(signed.Equipment));
        Assert.Equal(
            new[] { ("Ana Usuaria", "El equipo está en recepción."), ("Tito Tecnico", "Tomé las fotografías.") },
            signed.Comments.Select(c => (c.Author, c.Text)).ToArray());
        var photo = Assert.Single(signed.Attachments, a => a.Kind != AttachmentKind.Dictamen);
        Assert.Equal((AttachmentKind.Fotografia, "frente.jpg", "image/jpeg", 2048L), (photo.Kind, photo.FileName, photo.ContentType, photo.Size));

        // "En revisión" has 16 business hours from when it was entered; the re-entry "firmar-tecnico" keeps the clock.
        var calendar = db.Services.GetRequiredService<BusinessCalendar>();
        var expectedDue = calendar.AddBusinessHours(reviewEnteredAt, TimeSpan.FromHours(16));
        Assert.Equal(expectedDue, signed.Summary.DueAt);
        Assert.Equal(TimeSpan.Zero, signed.Summary.DueAt!.Value.Offset);

        var firmado = await db.Requests(s => s.Actions.FireAsync(director, number, "firmar", ActionInput.None, default));
        Assert.Empty(firmado.Approvals);

        var history = (await db.Requests(s => s.Queries.GetAsync(director, number, default))).History;
        Assert.Equal(
            new[] { "asignar", "revisar-equipo", "enviar-a-elaboracion", "enviar-a-revision", "firmar-tecnico", "firmar" },
            history.Where(h => h.Kind == AuditKind.Transition).Select(h => h.Action).ToArray());
        Assert.Equal(
            new[]
            {
                AuditKind.Created, AuditKind.Transition, AuditKind.Comment, AuditKind.Transition, AuditKind.Attachment,
                AuditKind.Comment, AuditKind.Transition, AuditKind.Transition, AuditKind.Transition, AuditKind.Transition,
            },
            history.Select(h => h.Kind).ToArray());
        Assert.Equal(history.Select(h => h.At).Order().ToArray(), history.Select(h => h.At).ToArray());
        Assert.Equal(
            new[] { "Solicitado", "Asignado", "Revisión del equipo", "En elaboración", "En revisión", "En revisión", "Firmado" },
            history.Where(h => h.To is not null).Select(h => h.To).ToArray());
        Assert.Equal(ServiceData.LocalTime(2026, 3, 2, 9, 5), history[1].At);
        Assert.Equal(ServiceData.LocalTime(2026, 3, 2, 10, 10), history[^1].At);
    }

    private static async Task PreciseTimesAsync(TestDatabase db)
    {
        var user = await db.PersonAsync("Ana Usuaria");
        db.Time.Advance(TimeSpan.FromTicks(1_234_567));
        var written = db.Time.GetUtcNow();

        var created = await db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket(), default));
        var comment = await db.Requests(s => s.Actions.CommentAsync(user, created.Summary.Number, "¿Alguna novedad?", default));
        var read = await db.Requests(s => s.Queries.GetAsync(user, created.Summary.Number, default));

        Assert.Equal(written, read.Summary.CreatedAt);
        Assert.Equal(written, read.History[0].At);
        Assert.Equal(comment.CreatedAt, Assert.Single(read.Comments).CreatedAt);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
