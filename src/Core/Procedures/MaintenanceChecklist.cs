namespace SosepBot.Core.Procedures;

/// <summary>
/// What the technician cleans in a maintenance visit (manual, DS-UI-03 step 5): the values «registrar-realizacion»
/// takes and how the channels' forms (Teams card, console) show them.
/// </summary>
public static class MaintenanceChecklist
{
    public static readonly IReadOnlyList<(string Value, string Label)> Items =
        [("teclado", "Teclado"), ("mouse", "Mouse"), ("monitor", "Monitor"), ("cpu", "CPU")];
}
