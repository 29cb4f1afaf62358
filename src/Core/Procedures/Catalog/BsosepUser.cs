using SosepBot.Core.Attachments;
using SosepBot.Core.People;

namespace SosepBot.Core.Procedures.Catalog;

/// <summary>
/// DS-UI-08 Creación o actualización de usuario BSOSEP, creación de módulo BSOSEP
/// (formularios DI-Frm_002 and DI-Frm_001). RECEPCIÓN, PROCESANDO and FINALIZADO are the manual's own names.
/// </summary>
internal static class BsosepUser
{
    public const string Recepcion = "RECEPCIÓN";
    public const string Devuelta = "Devuelta";
    public const string Asignada = "Asignada";
    public const string Procesando = "PROCESANDO";
    public const string Finalizado = "FINALIZADO";
    public const string Archivada = "Archivada";

    public const string Verificada = "verificacion-asistente";

    public static ProcedureDefinition Build()
    {
        var p = new ProcedureBuilder(ProcedureCodes.UsuarioBsosep, "Usuario o módulo BSOSEP",
                "Creación o actualización de usuarios de BSOSEP para el registro de beneficiarios, y creación de módulos (manual, procedimiento DS-UI-08; formularios DI-Frm_001 y DI-Frm_002).")
            .WithForm(FormCatalog.Bsosep)
            .State(Recepcion, "La Asistente recibe la solicitud y verifica firmas y documentación.", limitHours: 8)
            .State(Devuelta, "Faltan firmas, oficio o documentos; el solicitante debe completarlos.", waitsOnRequester: true)
            .State(Asignada, "El Director de la Unidad analizó y asignó la solicitud.", limitHours: 8)
            .State(Procesando, "El Técnico de Base de Datos crea o actualiza el usuario.", limitHours: 16)
            .State(Finalizado, "Se notificó al colaborador; falta archivar la solicitud.", limitHours: 16)
            .Final(Archivada, "La Asistente archivó la solicitud.");

        p.Action("devolver", "Devolver por documentos faltantes").From(Recepcion).To(Devuelta)
            .By(Role.Assistant).NeedsText("qué falta").Optional();
        p.Action("reenviar", "Reenviar con lo solicitado").From(Devuelta).To(Recepcion).ByRequester();
        // Step 2 is a sign-off of its own: the Director assigns only what the Asistente verified.
        p.Action("verificar", "Verificar firmas y documentos").From(Recepcion).To(Recepcion)
            .By(Role.Assistant).RecordsApproval(Verificada).NeedsAttachment(AttachmentKind.FormularioFirmado);
        p.Action("asignar", "Asignar al Técnico de Base de Datos").From(Recepcion).To(Asignada)
            .By(Role.ItDirector).ChoosesAssignee(Role.Dba)
            .NeedsApproval(Verificada, "la verificación de firmas y documentos por la Asistente");
        p.Action("procesar", "Procesar (PROCESANDO)").From(Asignada).To(Procesando).ByAssigned(Role.Dba);
        p.Action("finalizar", "Finalizar y notificar al colaborador (FINALIZADO)").From(Procesando).To(Finalizado).ByAssigned(Role.Dba);
        p.Action("archivar", "Archivar").From(Finalizado).To(Archivada).By(Role.Assistant);
        return p.Build();
    }
}
