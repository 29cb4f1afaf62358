using SosepBot.Core.Attachments;
using SosepBot.Core.People;

namespace SosepBot.Core.Procedures.Catalog;

/// <summary>DS-UI-02 Mantenimiento de aplicaciones desarrolladas internamente (formulario DI-Frm_001).</summary>
internal static class ApplicationChange
{
    public const string Recibida = "Recibida";
    public const string EnRevision = "En revisión";
    public const string Rechazada = "Rechazada";
    public const string PorAsignar = "Por asignar";
    public const string EnAnalisis = "En análisis";
    public const string PlanEnAprobacion = "Plan en aprobación";
    public const string EnDesarrollo = "En desarrollo";
    public const string EnPruebas = "En pruebas";
    public const string AutorizadaProduccion = "Autorizada a producción";
    public const string InformadaDespacho = "Informada a Despacho";
    public const string Cerrada = "Cerrada";

    public const string PermisosInfraestructura = "permisos-infraestructura";
    public const string PermisosServidores = "permisos-servidores";

    public static ProcedureDefinition Build()
    {
        var p = new ProcedureBuilder(ProcedureCodes.MantenimientoAplicaciones, "Mantenimiento de aplicaciones desarrolladas internamente",
                "Cambios a una aplicación o módulo interno a solicitud de los usuarios (manual, procedimiento DS-UI-02; formulario DI-Frm_001).")
            .WithForm(FormCatalog.Modules)
            .State(Recibida, "La Asistente recibió el oficio o solicitud de cambios y trasladó copia al Director.", limitHours: 8)
            .State(EnRevision, "El Director revisa, analiza y evalúa la solicitud de cambios.", limitHours: 24)
            .State(PorAsignar, "El Jefe de Desarrollo revisa el calendario de los analistas y asigna según prioridades y fechas.", limitHours: 24)
            .State(EnAnalisis, "El Analista toma el requerimiento formal, levanta el documento de requerimiento y elabora el plan de trabajo.")
            .State(PlanEnAprobacion, "El Jefe de Desarrollo analiza el plan de trabajo.", limitHours: 24)
            .State(EnDesarrollo, "El Analista ejecuta el plan y libera el cambio en un ambiente de pruebas.")
            .State(EnPruebas, "El usuario final hace baterías de pruebas y genera su informe.")
            .State(AutorizadaProduccion, "El Jefe de Desarrollo autorizó el paso a producción; Infraestructura y Servidores conceden permisos y configuraciones.", limitHours: 16)
            .State(InformadaDespacho, "El Director informó con oficio al Despacho Superior.", limitHours: 8)
            .Final(Rechazada, "La Dirección de Informática no consideró válido el cambio.")
            .Final(Cerrada, "Cambio en producción y proceso concluido.");

        p.Action("trasladar", "Trasladar al Director").From(Recibida).To(EnRevision).By(Role.Assistant);
        p.Action("rechazar", "Rechazar con justificación").From(EnRevision).To(Rechazada)
            .By(Role.ItDirector).NeedsText("la justificación");
        p.Action("aprobar", "Aprobar y trasladar al Jefe de Desarrollo").From(EnRevision).To(PorAsignar).By(Role.ItDirector);
        p.Action("asignar", "Asignar analista").From(PorAsignar).To(EnAnalisis)
            .By(Role.DevHead).ChoosesAssignee(Role.Developer);
        p.Action("enviar-plan", "Enviar el plan de trabajo").From(EnAnalisis).To(PlanEnAprobacion)
            .ByAssigned(Role.Developer).SetsPlannedEnd()
            .NeedsAttachment(AttachmentKind.DocumentoRequerimiento)
            .NeedsAttachment(AttachmentKind.PlanTrabajo);
        p.Action("rechazar-plan", "Regresar el plan al analista").From(PlanEnAprobacion).To(EnAnalisis)
            .By(Role.DevHead).NeedsText("qué debe corregirse").SendsBack();
        p.Action("aprobar-plan", "Aprobar el plan").From(PlanEnAprobacion).To(EnDesarrollo).By(Role.DevHead);
        // Step 7: the end users who test are named (the requester among them, usually); they approve or report failures.
        p.Action("liberar-a-pruebas", "Liberar en ambiente de pruebas").From(EnDesarrollo).To(EnPruebas)
            .ByAssigned(Role.Developer).NamesTesters();
        p.Action("nombrar-probadores", "Nombrar a los usuarios de pruebas").From(EnPruebas).To(EnPruebas)
            .ByAssigned(Role.Developer).By(Role.DevHead).NamesTesters(required: true).Optional();
        p.Action("aprobar-pruebas", "Aprobar las pruebas").From(EnPruebas).To(EnPruebas)
            .ByTester().ApprovesTests();
        p.Action("reportar-fallas", "Reportar fallas de las pruebas").From(EnPruebas).To(EnDesarrollo)
            .ByTester().ByRequester().ByAssigned(Role.Developer).By(Role.DevHead).NeedsText("las fallas encontradas");
        p.Action("autorizar-produccion", "Autorizar el cambio a producción").From(EnPruebas).To(AutorizadaProduccion)
            .By(Role.DevHead).NeedsTestsApproved().NeedsAttachment(AttachmentKind.InformePruebas);
        p.Action("conceder-permisos-infraestructura", "Conceder permisos y configuraciones (Infraestructura)")
            .From(AutorizadaProduccion).To(AutorizadaProduccion).By(Role.InfraHead).RecordsApproval(PermisosInfraestructura);
        p.Action("conceder-permisos-servidores", "Conceder permisos y configuraciones (Servidores)")
            .From(AutorizadaProduccion).To(AutorizadaProduccion).By(Role.ServerAdmin).RecordsApproval(PermisosServidores);
        p.Action("informar-despacho", "Informar con oficio al Despacho Superior").From(AutorizadaProduccion).To(InformadaDespacho)
            .By(Role.ItDirector)
            .NeedsApproval(PermisosInfraestructura, "los permisos del Jefe de Infraestructura y HelpDesk", NeedShape.Things)
            .NeedsApproval(PermisosServidores, "los permisos del Administrador de Servidores", NeedShape.Things);
        p.Action("cerrar", "Cerrar").From(InformadaDespacho).To(Cerrada).By(Role.ItDirector, Role.Assistant);
        return p.Build();
    }
}
