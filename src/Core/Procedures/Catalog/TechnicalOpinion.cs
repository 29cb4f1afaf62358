using SosepBot.Core.Attachments;
using SosepBot.Core.People;

namespace SosepBot.Core.Procedures.Catalog;

/// <summary>DS-UI-05 Elaboración de Dictamen Técnico.</summary>
internal static class TechnicalOpinion
{
    public const string Solicitado = "Solicitado";
    public const string Asignado = "Asignado";
    public const string RevisionEquipo = "Revisión del equipo";
    public const string EnElaboracion = "En elaboración";
    public const string EnRevision = "En revisión";
    public const string Firmado = "Firmado";
    public const string EntregadoUsuario = "Entregado al usuario";
    public const string EntregadoInventarios = "Entregado a Inventarios";
    public const string ConstanciaRecibida = "Constancia recibida";
    public const string Archivado = "Archivado";

    public const string FirmaTecnico = "firma-tecnico";

    public static ProcedureDefinition Build()
    {
        var p = new ProcedureBuilder(ProcedureCodes.DictamenTecnico, "Elaboración de dictamen técnico",
                "Diagnóstico del estado del equipo informático o de telefonía, para respaldo del usuario y del Departamento de Inventarios en la devolución (manual, procedimiento DS-UI-05).")
            .State(Solicitado, "El usuario solicitó la emisión de un dictamen técnico.", limitHours: 8)
            .State(Asignado, "El Jefe de Infraestructura y HelpDesk asignó la tarea a un técnico.", limitHours: 16)
            .State(RevisionEquipo, "El técnico revisa el equipo, toma fotografías y los datos del bien.", limitHours: 24)
            .State(EnElaboracion, "La Asistente elabora el dictamen en Excel con las fotografías al reverso.", limitHours: 16)
            .State(EnRevision, "El técnico y el Director revisan el dictamen; si es correcto lo firman.", limitHours: 16)
            .State(Firmado, "Dictamen firmado por el técnico y el Director; falta entregarlo al usuario.", limitHours: 8)
            .State(EntregadoUsuario, "El usuario debe entregar el dictamen y el bien a Inventarios.", waitsOnRequester: true)
            .State(EntregadoInventarios, "Inventarios recibió el dictamen y el bien; el usuario debe traer la constancia.", waitsOnRequester: true)
            .State(ConstanciaRecibida, "El técnico recibió la copia de la constancia de Inventarios.", limitHours: 16)
            .Final(Archivado, "La Asistente archivó la fotocopia del dictamen.");

        p.Action("asignar", "Asignar técnico").From(Solicitado).To(Asignado)
            .By(Role.InfraHead).ChoosesAssignee(Role.Technician);
        p.Action("revisar-equipo", "Iniciar la revisión del equipo").From(Asignado).To(RevisionEquipo)
            .ByAssigned(Role.Technician);
        p.Action("enviar-a-elaboracion", "Enviar datos y fotografías a la Asistente").From(RevisionEquipo).To(EnElaboracion)
            .ByAssigned(Role.Technician).RecordsEquipment()
            .Needs("registrar marca, modelo, color, número de serie y número de bien", c => c.Request.Equipment.IsComplete,
                c => "registrar " + TransitionDefinition.JoinSpanish(c.Request.Equipment.MissingFields().ToList(), "y") + " del equipo")
            .NeedsAttachment(AttachmentKind.Fotografia);
        // The assistant enters the data in the dictamen (step 4) and corrects it after observations (step 5 → 4).
        p.Action("enviar-a-revision", "Enviar el dictamen a revisión").From(EnElaboracion).To(EnRevision)
            .By(Role.Assistant).RecordsEquipment()
            .NeedsDocument("generar el dictamen técnico (Excel o PDF) para que lo revisen", Documents.DocumentKind.DictamenExcel, Documents.DocumentKind.DictamenPdf);
        p.Action("observar", "Devolver con observaciones").From(EnRevision).To(EnElaboracion)
            .ByAssigned(Role.Technician).By(Role.ItDirector).NeedsText("las observaciones").SendsBack();
        p.Action("firmar-tecnico", "Firmar (técnico)").From(EnRevision).To(EnRevision)
            .ByAssigned(Role.Technician).RecordsApproval(FirmaTecnico);
        p.Action("firmar", "Firmar (Director)").From(EnRevision).To(Firmado)
            .By(Role.ItDirector).NeedsApproval(FirmaTecnico, "la firma del técnico");
        p.Action("entregar-al-usuario", "Entregar el dictamen al usuario").From(Firmado).To(EntregadoUsuario)
            .ByAssigned(Role.Technician);
        p.Action("entregar-a-inventarios", "Registrar la entrega a Inventarios").From(EntregadoUsuario).To(EntregadoInventarios)
            .ByRequester().By(Role.Inventory);
        p.Action("recibir-constancia", "Recibir la constancia de Inventarios").From(EntregadoInventarios).To(ConstanciaRecibida)
            .ByAssigned(Role.Technician).NeedsAttachment(AttachmentKind.ConstanciaInventarios);
        p.Action("archivar", "Archivar").From(ConstanciaRecibida).To(Archivado).By(Role.Assistant);
        return p.Build();
    }
}
