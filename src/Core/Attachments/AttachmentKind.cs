namespace SosepBot.Core.Attachments;

/// <summary>What a file is for; the procedures' guards ask for kinds.</summary>
public enum AttachmentKind
{
    Otro = 0,
    Oficio = 1,
    FormularioFirmado = 2,
    CopiaDpi = 3,
    CopiaNit = 4,
    Fotografia = 5,
    DocumentoAnalisis = 6,
    CalendarioActividades = 7,
    Dercas = 8,
    DocumentoRequerimiento = 9,
    PlanTrabajo = 10,
    InformePruebas = 11,
    FormularioMantenimiento = 12,
    ConstanciaInventarios = 13,
    Dictamen = 14,
}
