using System.Text.Json;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>
/// <see cref="RequestService.OpenWithDetailsAsync"/> answers with the details of what it wrote, without reading them
/// back: they must be exactly what <see cref="RequestService.GetAsync"/> reads afterwards.
/// </summary>
public sealed class RequestOpenDetailsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task OpenWithDetailsAsync_Ticket_EqualsWhatGetAsyncReads()
    {
        var user = await _db.PersonAsync("Ana Usuaria");

        var opened = await _db.Requests(s => s.OpenWithDetailsAsync(user, ServiceData.Ticket(), default));
        var read = await _db.Requests(s => s.GetAsync(user, opened.Summary.Number, default));

        Assert.Equal(Json(read), Json(opened));
        Assert.Single(opened.History);
    }

    [Fact]
    public async Task OpenWithDetailsAsync_FormWithPersonalData_EqualsWhatGetAsyncReads()
    {
        var user = await _db.PersonAsync("Ana Directora", Role.UnitDirector);

        var opened = await _db.Requests(s => s.OpenWithDetailsAsync(user, new NewRequest
        {
            ProcedureCode = ProcedureCodes.UsuarioDominio,
            Title = "Usuario y correo para María José Pérez",
            Description = "Nueva asistente.",
            Form = ServiceData.DomainAccountForm(),
            Priority = Priority.Alta,
        }, default));
        var read = await _db.Requests(s => s.GetAsync(user, opened.Summary.Number, default));

        Assert.Equal(Json(read), Json(opened));
        Assert.Equal(ServiceData.CuiNormalized, opened.Form!.Cui);
    }

    [Fact]
    public async Task OpenWithDetailsAsync_VisitOfACalendar_EqualsWhatGetAsyncReadsWithItsParent()
    {
        var director = await _db.PersonAsync("Director Informatica", Role.ItDirector);
        await _db.PersonAsync("Tito Tecnico", Role.Technician);
        await _db.UnitAsync("Dirección Financiera");
        var calendar = await _db.Requests(s => s.CreateAsync(director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.MantenimientoPreventivo,
            Title = "Calendarización de mantenimientos preventivos 2026",
        }, default));

        var visit = await _db.Requests(s => s.OpenWithDetailsAsync(director, new NewRequest
        {
            ProcedureCode = ProcedureCodes.VisitaMantenimiento,
            Title = "Mantenimiento preventivo Dirección Financiera",
            ParentNumber = calendar.Summary.Number,
            ScheduledFor = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero),
            Unit = "Dirección Financiera",
            AssigneeEmail = "titotecnico@sosep.gob.gt",
        }, default));
        var read = await _db.Requests(s => s.GetAsync(director, visit.Summary.Number, default));

        Assert.Equal(Json(read), Json(visit));
        Assert.Equal(calendar.Summary.Number, visit.ParentNumber);
    }

    private static string Json(RequestDetails details) => JsonSerializer.Serialize(details);
}
