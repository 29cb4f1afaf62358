namespace SosepBot.Jobs;

/// <summary>
/// Every refusal of the scheduled jobs (<see cref="Hosting.ScheduledJobs"/>, <see cref="Hosting.JobRunner"/>) and of the
/// preventive-maintenance plans (<see cref="Maintenance.MaintenancePlanService"/>, <see cref="Maintenance.MaintenanceRecurrence"/>),
/// in one place for a reviewer.
/// </summary>
public static class JobTexts
{
    public const string OnlyDirectorRunsJobs =
        "Solo el Director de la Unidad de Informática y los administradores del servicio consultan y ejecutan las tareas programadas.";
    public const string OnlyStaffPlansVisits =
        "Solo el Director, el Técnico o la Asistente de la Unidad de Informática programan visitas de mantenimiento.";
    public const string HorizonRange = "El horizonte de programación va de 1 a 366 días.";
    public const string FirstVisitNeeded = "Indique la fecha y hora de la primera visita.";
    public const string RuleNeeded = "Indique la regla de repetición (por ejemplo «FREQ=MONTHLY;INTERVAL=6»).";
    public const string AtMostDaily = "Las visitas se repiten como mucho una vez al día (FREQ=DAILY, WEEKLY, MONTHLY o YEARLY).";

    public static string JobNeeded(string names) => $"Indique qué tarea ejecutar: {names}.";

    public static string NoSuchJob(string name, string names) => $"No existe la tarea «{name}». Las tareas son: {names}.";

    public static string NoResend(string name, IEnumerable<string> resendable) =>
        $"La tarea «{name}» no envía un resumen: reenviar solo vale para {string.Join(" y ", resendable)}.";


    public static string CalendarConcluded(string number, string state) => $"La calendarización {number} ya concluyó («{state}»).";

    public static string PlanEnded(long id) => $"El plan {id} ya terminó; no admite cambios.";

    public static string PlanAlreadyEnded(long id) => $"El plan {id} ya había terminado.";

    public static string NoSuchPlan(long id) => $"No existe el plan de mantenimiento {id}.";

    public static string RuleWithoutVisits(string rule) => $"La regla «{rule}» no produce ninguna visita en los próximos dos años.";

    public static string RuleInvalid(string rule) =>
        $"La regla de repetición «{rule}» no es válida (RFC 5545): escriba, por ejemplo, «FREQ=MONTHLY;BYDAY=2TU» o «FREQ=WEEKLY;INTERVAL=2».";

    public static string NotATechnician(string name, string role) => $"La persona {name} no tiene el rol {role}.";

    public static string NobodyActiveWithEmail(string email) => $"No hay ninguna persona activa registrada con el correo {email}.";
}
