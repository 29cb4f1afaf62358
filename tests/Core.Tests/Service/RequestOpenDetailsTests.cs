using System.Text.Json;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>
/// <see cref="RequestOpening.OpenAsync(Actor, NewRequest, CancellationToken)"/> answers with the details of what it wrote, without reading them
/// back: they must be exactly what <see cref="RequestQueries.GetAsync"/> reads afterwards.
/// </summary>
public sealed class RequestOpenDetailsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task OpenAsync_Ticket_EqualsWhatGetAsyncReads()
    {
        var user = await _db.PersonAsync("Ana Usuaria");

        var opened = await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket(), default));
        var read = await _db.Requests(s => s.Queries.GetAsync(user, opened.Summary.Number, default));

        Assert.Equal(Json(read), Json(opened.Details));
        Assert.Single(opened.Details.History);
    }

    [Fact]
    public async Task OpenAsync_FormWithPersonalData_EqualsWhatGetAsyncReads()
    {
        var user = await _db.PersonAsync("Ana Directora", Role.UnitDirector);

        var opened = await _db.Requests(s => s.Opening.OpenAsync(user, new NewRequest
        {
            ProcedureCode = ProcedureCodes.UsuarioDominio,
            Title = "Usuario y correo para María José Pérez",
            Description = "Nueva asistente.",
            Form = ServiceData.DomainAccountForm(),
            Priority = Priority.Alta,
        }, default));
        var read = await _db.Requests(s => s.Queries.GetAsync(user, opened.Summary.Number, default));

        Assert.Equal(Json(read), Json(opened.Details));
        Assert.Equal(ServiceData.CuiNormalized, opened.Details.Form!.Cui);
    }

    [Fact]
    public async Task OpenAsync_VisitOfACalendar_EqualsWhatGetAsyncReadsWithItsParent()
    {
        var director = await _db.PersonAsync("Director Informatica", Role.ItDirector);
        await _db.PersonAsync("Tito Tecnico", Role.Technician);
        await _db.UnitAsync("Dirección Financiera");
        var calendar = await _db.Requests(s => s.Opening.OpenAsync(director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.MantenimientoPreventivo,
            Title = "Calendarización de mantenimientos preventivos 2026",
        }, default));

        var visit = await _db.Requests(s => s.Opening.OpenAsync(director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.VisitaMantenimiento,
            Title = "Mantenimiento preventivo Dirección Financiera",
            ParentNumber = calendar.Summary.Number,
            ScheduledFor = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero),
            Unit = "Dirección Financiera",
            AssigneeEmail = "titotecnico@sosep.gob.gt",
        }, default));
        var read = await _db.Requests(s => s.Queries.GetAsync(director, visit.Summary.Number, default));

        Assert.Equal(Json(read), Json(visit.Details));
        Assert.Equal(calendar.Summary.Number, visit.Details.ParentNumber);
    }

    private static string Json(RequestDetails details) => JsonSerializer.Serialize(details);
}
