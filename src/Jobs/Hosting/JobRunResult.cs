namespace SosepBot.Jobs.Hosting;

/// <summary>What one run of a scheduled job did, as a Spanish sentence and as counts.</summary>
/// <param name="Job">The job's name ("resumen-diario").</param>
/// <param name="Status">Done, skipped, or refused because it was sent already.</param>
/// <param name="Summary">"resumen-diario: enviado a 1 persona (2 mensajes)".</param>
/// <param name="Counts">The numbers behind the summary ("people", "messages"…).</param>
public sealed record JobRunResult(string Job, JobRunStatus Status, string Summary, IReadOnlyDictionary<string, int> Counts);
