using SosepBot.Core.People;

namespace SosepBot.Core.Procedures.Catalog;

/// <summary>DS-UI-04 Soporte Técnico and DS-UI-06 Soporte Sedes Departamentales: the same flow, other technicians.</summary>
internal static class SupportTicket
{
    public const string Abierto = "Abierto";
    public const string Asignado = "Asignado";
    public const string EnAtencion = "En atención";
    public const string EnEspera = "En espera del usuario";
    public const string Resuelto = "Resuelto";
    public const string Reabierto = "Reabierto";
    public const string Cerrado = "Cerrado";
    public const string Anulado = "Anulado";

    public static ProcedureDefinition Technical() => Build(
        ProcedureCodes.SoporteTecnico,
        "Soporte técnico",
        "Incidentes de hardware y software del personal de la Secretaría (manual, procedimiento DS-UI-04).",
        Role.Technician,
        "El Técnico de Hardware y Software revisa el equipo y soluciona la falla.");

    public static ProcedureDefinition Departmental() => Build(
        ProcedureCodes.SoporteSedes,
        "Soporte a sedes departamentales",
        "Incidentes del personal de las sedes departamentales (su unidad es sede departamental; las oficinas centrales usan DS-UI-04), atendidos por teléfono o de forma remota (manual, procedimiento DS-UI-06).",
        Role.SiteTechnician,
        "El Técnico IT Sedes Departamentales soluciona la falla por vía telefónica o remota.");

    private static ProcedureDefinition Build(string code, string name, string description, Role technician, string attention)
    {
        var p = new ProcedureBuilder(code, name, description)
            .State(Abierto, "El usuario generó el ticket; espera que el Jefe de Infraestructura y HelpDesk lo asigne.", limitHours: 4)
            .State(Asignado, "Asignado a un técnico; espera que lo atienda.", limitHours: 4)
            .State(EnAtencion, attention, limitHours: 16)
            .State(EnEspera, "El técnico preguntó algo al usuario; el reloj se detiene hasta que responda.", waitsOnRequester: true)
            .State(Resuelto, "El técnico registró la solución; el usuario puede confirmar o reabrir.", limitHours: 24)
            .State(Reabierto, "El usuario indicó que la falla persiste.", limitHours: 4)
            .Final(Cerrado, "Ticket concluido; se notificó al usuario.")
            .Final(Anulado, "El ticket se anuló antes de atenderse.");

        p.Action("asignar", "Asignar técnico").From(Abierto, Reabierto).To(Asignado)
            .By(Role.InfraHead).ChoosesAssignee(technician);
        p.Action("reasignar", "Reasignar técnico").From(Asignado, EnAtencion, EnEspera).To(Asignado)
            .By(Role.InfraHead).ChoosesAssignee(technician).NeedsText("el motivo de la reasignación").Optional();
        p.Action("tomar", "Tomar el ticket").From(Abierto, Reabierto).To(EnAtencion)
            .By(technician).AssignsActor();
        p.Action("atender", "Iniciar la atención").From(Asignado).To(EnAtencion)
            .ByAssigned(technician);
        p.Action("solicitar-informacion", "Pedir información al usuario").From(EnAtencion).To(EnEspera)
            .ByAssigned(technician).NeedsText("la pregunta para el usuario");
        p.Action("responder", "Responder al técnico").From(EnEspera).To(EnAtencion)
            .ByRequester().NeedsText("la respuesta");
        p.Action("resolver", "Marcar como resuelto").From(EnAtencion).To(Resuelto)
            .ByAssigned(technician).NeedsText("la solución aplicada");
        p.Action("reabrir", "Reabrir").From(Resuelto).To(Reabierto)
            .ByRequester().NeedsText("qué sigue fallando");
        p.Action("cerrar", "Cerrar el ticket").From(Resuelto).To(Cerrado)
            .ByRequester().ByAssigned(technician).By(Role.InfraHead);
        p.Action("anular", "Anular el ticket").From(Abierto, Asignado).To(Anulado)
            .ByRequester().By(Role.InfraHead).NeedsText("el motivo de la anulación").Optional();
        return p.Build();
    }
}
