using SosepBot.Core.Attachments;
using SosepBot.Core.People;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Procedures.Catalog;

/// <summary>
/// DS-UI-07 Creación o actualización de usuario dentro del dominio (formulario DI-Frm_003), and the
/// SIGES/SICOIN account request (formulario DI-Frm_004), which follows the same steps.
/// </summary>
internal static class AccountRequest
{
    public const string Solicitada = "Solicitada";
    public const string EnVerificacion = "En verificación";
    public const string Devuelta = "Devuelta";
    public const string EnCreacion = "En creación";
    public const string ConfiguracionEquipo = "Configuración del equipo";
    public const string Finalizada = "Finalizada";

    public static ProcedureDefinition Domain() => Build(
        ProcedureCodes.UsuarioDominio,
        "Creación o actualización de usuario del dominio y correo",
        "Usuario del dominio de SOSEP, correo institucional y acceso a Internet: alta, actualización o baja (manual, procedimiento DS-UI-07; formulario DI-Frm_003).",
        FormCatalog.DomainAccount,
        "El Administrador de Servidores crea o actualiza el usuario en el servidor de dominio y en el de correo.",
        [Role.ServerAdmin]);

    public static ProcedureDefinition Finance() => Build(
        ProcedureCodes.SigesSicoin,
        "Cuenta de usuario SIGES / SICOIN",
        "Alta, actualización o baja de cuentas de los sistemas SIGES y SICOIN (formulario DI-Frm_004), con los pasos de DS-UI-07.",
        FormCatalog.FinanceAccount,
        "Se crea, actualiza o da de baja la cuenta en SIGES o SICOIN.",
        [Role.ServerAdmin, Role.Dba]);

    private static ProcedureDefinition Build(string code, string name, string description, FormRules form, string creation, Role[] creators)
    {
        // The unit's director (or subdirector, or head) fills and signs the form; the Asistente may register a paper one.
        var p = new ProcedureBuilder(code, name, description)
            .OpenedBy(Role.UnitDirector, Role.Assistant)
            .WithForm(form)
            .State(Solicitada, "Formulario firmado por el director o jefe de la unidad y por el usuario, con fotocopias de DPI y NIT (salvo actualizaciones).", limitHours: 8)
            .State(EnVerificacion, "La Asistente verifica firmas y documentos y lo ingresa en el Sistema de Formularios.", limitHours: 8)
            .State(Devuelta, "Faltan firmas o documentos; la unidad debe completarlos.", waitsOnRequester: true)
            .State(EnCreacion, creation, limitHours: 16)
            .State(ConfiguracionEquipo, "El Jefe de Infraestructura y HelpDesk asigna un Técnico de Hardware y Software (o uno la toma), que configura la máquina del usuario.", limitHours: 16)
            .Final(Finalizada, "Cuenta creada, actualizada o dada de baja.");

        p.Action("verificar", "Recibir y verificar").From(Solicitada).To(EnVerificacion).By(Role.Assistant);
        p.Action("devolver", "Devolver por firmas o documentos faltantes").From(EnVerificacion).To(Devuelta)
            .By(Role.Assistant).NeedsText("qué falta");
        p.Action("reenviar", "Reenviar con lo solicitado").From(Devuelta).To(Solicitada).ByRequester();
        p.Action("trasladar", "Trasladar para creación").From(EnVerificacion).To(EnCreacion)
            .By(Role.Assistant).MayChooseAssignee(creators)
            .NeedsAttachment(AttachmentKind.FormularioFirmado)
            .NeedsAttachment(AttachmentKind.CopiaDpi, "adjuntar fotocopia del DPI (salvo actualizaciones)", c => c.Request.Form.ChangeKind == ChangeKind.Actualizacion)
            .NeedsAttachment(AttachmentKind.CopiaNit, "adjuntar fotocopia del NIT (salvo actualizaciones)", c => c.Request.Form.ChangeKind == ChangeKind.Actualizacion);
        p.Action("crear-cuenta", "Cuenta creada o actualizada").From(EnCreacion).To(ConfiguracionEquipo)
            .By(creators).ReleasesAssignee().NeedsRule("que la solicitud no sea una baja", "la solicitud es una baja: use «Cuenta dada de baja»",
                c => c.Request.Form.ChangeKind != ChangeKind.Baja);
        p.Action("dar-de-baja", "Cuenta dada de baja").From(EnCreacion).To(Finalizada)
            .By(creators).NeedsRule("que la solicitud sea una baja", "la solicitud no es una baja: use «Cuenta creada o actualizada»",
                c => c.Request.Form.ChangeKind == ChangeKind.Baja);
        // Step 4 has an owner: the Jefe de Infraestructura y HelpDesk assigns a technician, or a technician takes it.
        p.Action("asignar-tecnico", "Asignar técnico para configurar el equipo").From(ConfiguracionEquipo).To(ConfiguracionEquipo)
            .By(Role.InfraHead).ChoosesAssignee(Role.Technician);
        p.Action("tomar", "Tomar la configuración del equipo").From(ConfiguracionEquipo).To(ConfiguracionEquipo)
            .By(Role.Technician).AssignsActor().NeedsRule("que ningún técnico la tenga asignada", "ya tiene un técnico asignado", c => c.Request.AssigneeId is null);
        p.Action("configurar-equipo", "Equipo configurado").From(ConfiguracionEquipo).To(Finalizada)
            .ByAssigned(Role.Technician);
        return p.Build();
    }
}
