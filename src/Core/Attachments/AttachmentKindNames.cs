using System.Collections.Frozen;

namespace SosepBot.Core.Attachments;

public static class AttachmentKindNames
{
    private static readonly FrozenDictionary<AttachmentKind, string> Names = new Dictionary<AttachmentKind, string>
    {
        [AttachmentKind.Otro] = "otro documento",
        [AttachmentKind.Oficio] = "oficio",
        [AttachmentKind.FormularioFirmado] = "formulario firmado",
        [AttachmentKind.CopiaDpi] = "fotocopia del DPI",
        [AttachmentKind.CopiaNit] = "fotocopia del NIT",
        [AttachmentKind.Fotografia] = "fotografía del equipo",
        [AttachmentKind.DocumentoAnalisis] = "documento de análisis",
        [AttachmentKind.CalendarioActividades] = "calendario de actividades",
        [AttachmentKind.Dercas] = "documento DERCAS",
        [AttachmentKind.DocumentoRequerimiento] = "documento de requerimiento",
        [AttachmentKind.PlanTrabajo] = "plan de trabajo",
        [AttachmentKind.InformePruebas] = "informe de pruebas",
        [AttachmentKind.FormularioMantenimiento] = "formulario de mantenimiento firmado",
        [AttachmentKind.ConstanciaInventarios] = "constancia de recibido de Inventarios",
        [AttachmentKind.Dictamen] = "dictamen técnico",
        [AttachmentKind.FormularioParaFirma] = "formulario generado para firma",
        [AttachmentKind.FormatoMantenimiento] = "formulario de mantenimiento para firma",
    }.ToFrozenDictionary();

    public static string ToSpanish(this AttachmentKind kind) => Names[kind];
}
