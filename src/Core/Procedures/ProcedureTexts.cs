using System.Globalization;

namespace SosepBot.Core.Procedures;

/// <summary>
/// Every Spanish phrase and refusal the procedures' engine says, in one place for a reviewer: the phrases of the
/// builder's requirements and the sentences of <see cref="ProcedureMachine.Check"/>. A procedure's own requirements
/// (<c>Needs(…)</c>) are in its catalogue file; a test reads them all through <see cref="Unmet"/>.
/// </summary>
public static class ProcedureTexts
{
    /// <summary>«Solo el personal de la Unidad de Informática {does}.» (<see cref="Actor.EnsureItStaff"/>).</summary>
    public static string OnlyItStaff(string does) => $"Solo el personal de la Unidad de Informática {does}.";

    // Requirements of the builder (lower-case phrases: they are listed in the catalogue and completed by Unmet).
    public const string NameTesters = "nombrar a los usuarios de pruebas";
    public const string NameAtLeastOneTester = "nombrar al menos un usuario de pruebas";
    public const string NotApprovedYet = "que usted no haya aprobado ya esta ronda de pruebas";
    public const string AlreadyApproved = "usted ya aprobó esta ronda de pruebas";
    public const string TestsApproved = "la aprobación de las pruebas por los usuarios de pruebas designados";
    public const string TestersAndApproval = "nombrar a los usuarios de pruebas y que aprueben las pruebas";
    public const string PlannedEnd = "indicar la fecha de finalización del plan";
    public const string NewVisitDate = "indicar la nueva fecha de la visita";
    public const string ScheduledDay = "que llegue la fecha programada de la visita";

    public static string TestsApprovedBy(int pending, int total) =>
        $"la aprobación de las pruebas por {pending} de los {total} usuarios de pruebas designados";

    /// <summary>«indicar la justificación»: <paramref name="what"/> carries its article.</summary>
    public static string Indicate(string what) => $"indicar {what}";

    public static string ChooseAssignee(string role) => $"elegir a una persona con el rol {role}";

    public static string ChosenHoldsRole(string roles) => $"que la persona elegida tenga el rol {roles}";

    public static string ChosenLacksRole(string roles) => $"la persona elegida debe tener el rol {roles}";

    public static string Attach(string kind) => $"adjuntar {kind}";

    public static string NotRecordedYet(string label) => $"que «{label}» no esté registrado ya en esta etapa";

    public static string AlreadyRecorded(string label) => $"ya se registró «{label}» en esta etapa";

    public static string ScheduledDayOn(DateOnly day) =>
        $"{ScheduledDay}, el {day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";

    // Refusals of ProcedureMachine.Check: whole sentences.
    public static string UnknownAction(string action, string procedureCode, IEnumerable<string> known) =>
        $"La acción «{action}» no existe en el procedimiento {procedureCode}. Acciones del procedimiento: {string.Join(", ", known)}.";

    public static string WrongState(string label, string number, string state, IReadOnlyList<string> possibleLabels) =>
        $"No se puede «{label}» porque la solicitud {number} está en «{state}»; " + (possibleLabels.Count == 0
            ? "la solicitud ya no admite acciones."
            : "ahora se puede: " + TransitionDefinition.JoinSpanish(possibleLabels.Select(l => $"«{l}»").ToList(), "o") + ".");

    public static string NotAllowed(string label, string number, string who) =>
        $"No tiene permiso para «{label}» en la solicitud {number}: corresponde a {who}.";

    /// <summary>
    /// «No se puede «Firmar» todavía: falta la firma del técnico.» — what is missing agrees in number («falta» one
    /// thing or one or more things to do, «faltan» several things), and broken rules follow as clauses of their own.
    /// </summary>
    public static string Unmet(string label, IReadOnlyList<(string Phrase, NeedShape Shape)> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var missing = reasons.Where(r => r.Shape != NeedShape.Rule).ToList();
        var clauses = new List<string>();
        if (missing.Count > 0)
        {
            var things = missing.Count(r => r.Shape is NeedShape.Thing or NeedShape.Things);
            var plural = missing.Any(r => r.Shape == NeedShape.Things) || things > 1;
            clauses.Add((plural ? "faltan " : "falta ") + TransitionDefinition.JoinSpanish(missing.Select(r => r.Phrase).ToList(), "y"));
        }

        clauses.AddRange(reasons.Where(r => r.Shape == NeedShape.Rule).Select(r => r.Phrase));
        return $"No se puede «{label}»{(missing.Count > 0 ? " todavía" : string.Empty)}: {string.Join("; ", clauses)}.";
    }
}
