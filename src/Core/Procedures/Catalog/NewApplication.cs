using SosepBot.Core.Attachments;
using SosepBot.Core.People;

namespace SosepBot.Core.Procedures.Catalog;

/// <summary>DS-UI-01 Creación de nueva aplicación informática.</summary>
internal static class NewApplication
{
    public const string Solicitada = "Solicitada";
    public const string Recibida = "Recibida";
    public const string EnEvaluacion = "En evaluación";
    public const string Rechazada = "Rechazada";
    public const string EnAnalisis = "En análisis";
    public const string Dercas = "DERCAS";
    public const string EnDesarrollo = "En desarrollo";
    public const string EnPruebas = "En pruebas de usuario";
    public const string LiberacionAutorizada = "Liberación autorizada";
    public const string Cerrada = "Cerrada";

    public static ProcedureDefinition Build()
    {
        var p = new ProcedureBuilder(ProcedureCodes.NuevaAplicacion, "Creación de nueva aplicación informática",
                "El Despacho Superior solicita una nueva aplicación; la Unidad la evalúa, analiza, desarrolla, prueba y libera (manual, procedimiento DS-UI-01).")
            .OpenedBy(Role.Despacho, Role.Assistant)
            .State(Solicitada, "El Despacho Superior trasladó el oficio de solicitud.", limitHours: 8)
            .State(Recibida, "La Asistente recibió el oficio y trasladó copia al Director.", limitHours: 8)
            .State(EnEvaluacion, "El Director de la Unidad revisa, analiza y evalúa la solicitud.", limitHours: 40)
            .State(EnAnalisis, "Jefe de Desarrollo y Analista: detalles técnicos, documentos de análisis, calendario de actividades y reuniones con los usuarios.")
            .State(Dercas, "El Analista elabora el Documento de Especificaciones, Requerimientos y Criterios de Aceptación de Software.")
            .State(EnDesarrollo, "El Analista ejecuta el plan de desarrollo.")
            .State(EnPruebas, "El usuario final hace baterías de pruebas.")
            .State(LiberacionAutorizada, "El Director autorizó la liberación en producción; falta informar al Despacho.", limitHours: 16)
            .Final(Rechazada, "El Director no la consideró procedente; se justificó y se regresó al Despacho Superior.")
            .Final(Cerrada, "Aplicación liberada en producción e informado el Despacho Superior.");

        p.Action("recibir", "Recibir el oficio").From(Solicitada).To(Recibida)
            .By(Role.Assistant).NeedsAttachment(AttachmentKind.Oficio);
        p.Action("evaluar", "Iniciar la evaluación").From(Recibida).To(EnEvaluacion)
            .By(Role.ItDirector);
        p.Action("rechazar", "Rechazar con justificación").From(EnEvaluacion).To(Rechazada)
            .By(Role.ItDirector).NeedsText("la justificación");
        p.Action("aceptar", "Aceptar y trasladar a Desarrollo").From(EnEvaluacion).To(EnAnalisis)
            .By(Role.ItDirector).MayChooseAssignee(Role.Developer);
        p.Action("asignar-analista", "Asignar analista").From(EnAnalisis).To(EnAnalisis)
            .By(Role.DevHead).ChoosesAssignee(Role.Developer).Optional();
        p.Action("devolver-a-evaluacion", "Regresar a evaluación").From(EnAnalisis).To(EnEvaluacion)
            .By(Role.DevHead).NeedsText("el motivo").SendsBack();
        p.Action("concluir-analisis", "Concluir el análisis").From(EnAnalisis).To(Dercas)
            .By(Role.DevHead).ByAssigned(Role.Developer)
            .Needs("asignar un Analista Desarrollador", c => c.Request.AssigneeId is not null)
            .NeedsAttachment(AttachmentKind.DocumentoAnalisis)
            .NeedsAttachment(AttachmentKind.CalendarioActividades);
        p.Action("iniciar-desarrollo", "Iniciar el desarrollo").From(Dercas).To(EnDesarrollo)
            .ByAssigned(Role.Developer).By(Role.DevHead).NeedsAttachment(AttachmentKind.Dercas);
        // Step 8: the end users who test are named; they see the request and approve the tests or report failures.
        p.Action("liberar-a-pruebas", "Liberar para pruebas del usuario").From(EnDesarrollo).To(EnPruebas)
            .ByAssigned(Role.Developer).By(Role.DevHead).NamesTesters();
        p.Action("nombrar-probadores", "Nombrar a los usuarios de pruebas").From(EnPruebas).To(EnPruebas)
            .ByAssigned(Role.Developer).By(Role.DevHead).NamesTesters(required: true).Optional();
        p.Action("aprobar-pruebas", "Aprobar las pruebas").From(EnPruebas).To(EnPruebas)
            .ByTester().ApprovesTests();
        p.Action("reportar-fallas", "Reportar fallas de las pruebas").From(EnPruebas).To(EnDesarrollo)
            .ByTester().ByRequester().ByAssigned(Role.Developer).By(Role.DevHead).NeedsText("las fallas encontradas");
        p.Action("autorizar-liberacion", "Autorizar la liberación en producción").From(EnPruebas).To(LiberacionAutorizada)
            .By(Role.ItDirector).NeedsTestsApproved().NeedsAttachment(AttachmentKind.InformePruebas);
        p.Action("informar-despacho", "Informar al Despacho Superior").From(LiberacionAutorizada).To(Cerrada)
            .By(Role.ItDirector, Role.Assistant);
        return p.Build();
    }
}
