using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Errors;
using SosepBot.Core.Scheduled;
using SosepBot.Core.Scheduling;
using SosepBot.Core.Units;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages;

/// <summary>
/// «Calendario» (IT staff, DS-UI-03): one month's maintenance visits by day, filtered by unit and technician, with the
/// late ones marked, and the year's calendars (<see cref="MaintenanceCalendarQuery"/>). The month is «mes=2026-03»
/// (the current one in the offices' time zone when absent).
/// </summary>
[StaffOnly]
public sealed class CalendarioModel(MaintenanceCalendarQuery calendarQuery, UnitService units, BusinessCalendar calendar, TimeProvider time) : ConsolePageModel
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-GT");

    [BindProperty(SupportsGet = true, Name = "mes")]
    public string? Mes { get; set; }

    [BindProperty(SupportsGet = true, Name = "unidad")]
    public string? Unidad { get; set; }

    [BindProperty(SupportsGet = true, Name = "tecnico")]
    public string? Tecnico { get; set; }

    /// <summary>The month shown; null when the month asked for could not be read.</summary>
    public MaintenanceMonth? Month { get; private set; }

    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Units = await units.ListAsync(HttpContext.RequestAborted);
        try
        {
            Month = await calendarQuery.MonthAsync(Actor, ParseMonth(), Id(Unidad, WebTexts.UnknownUnit), Id(Tecnico, WebTexts.UnknownTechnician),
                HttpContext.RequestAborted);
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Invalid)
        {
            Refusal = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>«marzo de 2026».</summary>
    public static string MonthName(DateOnly month) => month.ToString("MMMM 'de' yyyy", Spanish);

    /// <summary>«martes 10 de marzo».</summary>
    public static string DayName(DateOnly day) => day.ToString("dddd d 'de' MMMM", Spanish);

    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The page for another month, with the same filters.</summary>
    public string MonthLink(DateOnly month)
    {
        var query = new QueryBuilder(Request.Query.Where(q => q.Key is "unidad" or "tecnico" && !string.IsNullOrWhiteSpace(q.Value)))
        {
            { "mes", month.ToString("yyyy-MM", CultureInfo.InvariantCulture) },
        };
        return "/calendario" + query.ToQueryString();
    }

    public bool IsUnit(long id) => Unidad == id.ToString(CultureInfo.InvariantCulture);

    public bool IsTechnician(long id) => Tecnico == id.ToString(CultureInfo.InvariantCulture);

    private DateOnly ParseMonth()
    {
        if (string.IsNullOrWhiteSpace(Mes))
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), calendar.TimeZone).DateTime);
            return new DateOnly(today.Year, today.Month, 1);
        }

        var text = Mes.Trim();
        return DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 2000 and <= 2100
            ? month
            : throw new DomainException(ErrorKind.Invalid, WebTexts.BadMonth(text)) { Field = "mes" };
    }

    private static long? Id(string? text, string refusal) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
        : throw new DomainException(ErrorKind.Invalid, refusal);
}
