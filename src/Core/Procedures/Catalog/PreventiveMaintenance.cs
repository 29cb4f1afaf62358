using SosepBot.Core.Attachments;
using SosepBot.Core.People;

namespace SosepBot.Core.Procedures.Catalog;

/// <summary>
/// DS-UI-03 Mantenimiento preventivo de equipo de cómputo: two machines, the calendar (a request
/// of code DS-UI-03) and each of its visits (requests of code DS-UI-03-VISITA whose parent is the calendar).
/// </summary>
internal static class PreventiveMaintenance
{
    public const string Borrador = "Borrador";
    public const string Propuesto = "Propuesto";
    public const string Observado = "Observado";
    public const string Aprobado = "Aprobado";
    public const string EnEjecucion = "En ejecución";
    public const string Completado = "Completado";

    public const string Programada = "Programada";
    public const string Notificada = "Notificada";
    public const string Reprogramada = "Reprogramada";
    public const string Realizada = "Realizada";
    public const string ConformidadFirmada = "Conformidad firmada";
    public const string Archivada = "Archivada";
    public const string NoRealizada = "No realizada";

    /// <summary>What the technician cleans in a visit (manual, step 5).</summary>
    public static readonly IReadOnlyList<string> Checklist = [.. MaintenanceChecklist.Items.Select(i => i.Value)];

    public static ProcedureDefinition Calendar()
    {
        var p = new ProcedureBuilder(ProcedureCodes.MantenimientoPreventivo, "Mantenimiento preventivo de equipo de cómputo",
                "Calendario de mantenimientos preventivos para los Órganos Administrativos, Técnicos y de Apoyo Técnico (manual, procedimiento DS-UI-03).")
            .OpenedBy(Role.ItDirector, Role.Technician)
            .State(Borrador, "El Director y el Técnico elaboran la calendarización.")
            .State(Propuesto, "La Asistente envió oficio al Despacho Superior con la calendarización propuesta.", limitHours: 40)
            .State(Observado, "El Despacho Superior hizo observaciones; se corrige la calendarización.")
            .State(Aprobado, "El Despacho Superior aprobó la calendarización; falta avisar a las unidades.", limitHours: 8)
            .State(EnEjecucion, "Se avisó a las unidades y se realizan las visitas.")
            .Final(Completado, "Todas las visitas concluyeron.");

        p.Action("proponer", "Enviar oficio al Despacho Superior").From(Borrador).To(Propuesto)
            .By(Role.Assistant, Role.ItDirector)
            .Needs("programar al menos una visita", c => c.Children > 0);
        p.Action("observar", "Devolver con observaciones").From(Propuesto).To(Observado)
            .By(Role.Despacho).NeedsText("las observaciones");
        p.Action("corregir", "Retomar la calendarización").From(Observado).To(Borrador)
            .By(Role.ItDirector, Role.Technician);
        p.Action("aprobar", "Aprobar la calendarización").From(Propuesto).To(Aprobado)
            .By(Role.Despacho);
        p.Action("notificar-unidades", "Avisar a las unidades").From(Aprobado).To(EnEjecucion)
            .By(Role.Assistant, Role.ItDirector);
        p.Action("completar", "Dar por completado").From(EnEjecucion).To(Completado)
            .By(Role.ItDirector, Role.Assistant)
            .NeedsChildrenClosed("que todas las visitas estén archivadas o marcadas como no realizadas");
        return p.Build();
    }

    public static ProcedureDefinition Visit()
    {
        var p = new ProcedureBuilder(ProcedureCodes.VisitaMantenimiento, "Visita de mantenimiento preventivo",
                "Una visita de la calendarización DS-UI-03 a una unidad: limpieza de teclado, mouse, monitor y CPU, y conformidad firmada por el usuario.")
            .OpenedBy(Role.ItDirector, Role.Technician, Role.Assistant)
            .ChildOf(ProcedureCodes.MantenimientoPreventivo, Borrador, Observado, EnEjecucion)
            .State(Programada, "Visita programada en la calendarización.")
            .State(Notificada, "Se avisó a la unidad de la fecha de la visita.")
            .State(Reprogramada, "La visita cambió de fecha; hay que avisar de nuevo a la unidad.")
            .State(Realizada, "El técnico realizó la limpieza; falta el formulario firmado por el usuario.", limitHours: 24)
            .State(ConformidadFirmada, "El técnico entregó el formulario sellado y firmado de conformidad.", limitHours: 16)
            .Final(Archivada, "La Asistente archivó el formulario de mantenimiento.")
            .Final(NoRealizada, "La visita no se realizó.");

        p.Action("notificar", "Avisar a la unidad").From(Programada, Reprogramada).To(Notificada)
            .By(Role.Assistant, Role.ItDirector)
            .NeedsParentIn(EnEjecucion, "que la calendarización esté aprobada por el Despacho Superior y avisada a las unidades")
            .Optional(); // the maintenance job fires it for every visit once the calendar is in execution: nobody need be told
        p.Action("reprogramar", "Reprogramar la visita").From(Programada, Notificada, Reprogramada).To(Reprogramada)
            .By(Role.ItDirector, Role.Assistant).ByAssigned(Role.Technician).SetsSchedule().NeedsText("el motivo del cambio de fecha").Optional();
        p.Action("registrar-realizacion", "Registrar la visita realizada").From(Notificada).To(Realizada)
            .ByAssigned(Role.Technician).RecordsEquipment()
            .NotBeforeScheduledDay()
            .Needs("marcar la limpieza de teclado, mouse, monitor y CPU",
                c => c.Input.Checklist is { } done && Checklist.All(i => done.Contains(i, StringComparer.OrdinalIgnoreCase)),
                fromInput: true);
        p.Action("no-realizada", "Marcar como no realizada").From(Programada, Notificada, Reprogramada).To(NoRealizada)
            .By(Role.ItDirector).ByAssigned(Role.Technician).NeedsText("el motivo").Optional();
        p.Action("entregar-conformidad", "Entregar el formulario de conformidad firmado").From(Realizada).To(ConformidadFirmada)
            .ByAssigned(Role.Technician).ByRequester().NeedsAttachment(AttachmentKind.FormularioMantenimiento);
        p.Action("archivar", "Archivar el formulario").From(ConformidadFirmada).To(Archivada)
            .By(Role.Assistant);
        return p.Build();
    }
}
