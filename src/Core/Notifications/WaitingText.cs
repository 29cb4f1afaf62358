using System.Globalization;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Notifications;

/// <summary>How a notice says what waits: «UI-2026-00042 · Soporte técnico · asignar técnico · vence el jueves 10 de diciembre, 15:44».</summary>
public static class WaitingText
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-GT");

    public static string Line(Request request, ProcedureDefinition definition, IReadOnlyList<TransitionDefinition> actions, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(definition);
        var line = $"{request.Number} · {definition.Name} · {Actions(actions)}";
        return request.DueAt is { } due ? $"{line} · vence el {Local(due, zone)}" : line;
    }

    /// <summary>
    /// What the person may do now and by when, for every party the step waits on (the step's description speaks of one
    /// party only): «Usted puede tomar el ticket; el plazo de este paso vence el lunes 2 de marzo, 13:00.»
    /// </summary>
    public static string Offer(Request request, IReadOnlyList<TransitionDefinition> actions, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actions);
        var offer = actions.Count == 0 ? "Se necesita su intervención" : $"Usted puede {Actions(actions)}";
        return request.DueAt is { } due
            ? $"{offer}; el plazo de este paso {(due > now ? "vence" : "venció")} el {Local(due, zone)}."
            : $"{offer}.";
    }

    /// <summary>"asignar técnico o tomar el ticket"; "su intervención" when the step names no action of theirs.</summary>
    public static string Actions(IReadOnlyList<TransitionDefinition> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return actions.Count == 0 ? "su intervención" : TransitionDefinition.JoinSpanish(actions.Select(t => Lower(t.Label)).ToList(), "o");
    }

    /// <summary>"jueves 10 de diciembre, 15:44" on the offices' clock.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d 'de' MMMM, HH:mm", Spanish);

    private static string Lower(string label) => label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1])
        ? char.ToLower(label[0], Spanish) + label[1..] : label;
}
