namespace SosepBot.Bot.Api.OpenApi;

/// <summary>One operation of the API as its reference (/openapi/v1.json) describes it, in Spanish.</summary>
/// <param name="Method">GET, POST, PUT, DELETE, HEAD.</param>
/// <param name="Path">The route as the document writes it: «/api/requests/{number}».</param>
/// <param name="Summary">One line.</param>
/// <param name="Description">Who may call it and what it answers.</param>
public sealed record ApiOperation(string Method, string Path, string Summary, string Description);

/// <summary>
/// The Spanish summary and description of every operation of the API, in one table that a test holds against the
/// mapped endpoints, the OpenAPI document and the README.
/// </summary>
public static class ApiReference
{
    private const string Staff = "Personal de la Unidad de Informática.";

    public static IReadOnlyList<ApiOperation> Operations { get; } =
    [
        new("GET", "/api/procedures", "Catálogo de procedimientos",
            "Los procedimientos del manual con sus estados (y límites de tiempo), sus transiciones (`transitions`), quién puede ejecutarlas y qué necesitan. Abierto a cualquiera."),
        new("GET", "/api/procedures/{code}", "Un procedimiento del catálogo", "Un procedimiento por su código (por ejemplo DS-UI-04). Abierto a cualquiera."),
        new("GET", "/api/procedures/{code}/diagram", "Diagrama del procedimiento", "El diagrama Mermaid generado de la máquina de estados. Abierto a cualquiera."),
        new("GET", "/api/me", "Quién soy", "La persona dueña de la clave, sus roles y cómo quiere recibir los avisos (`notices`)."),
        new("GET", "/api/me/pending", "Lo que me espera", "Las solicitudes que esperan a la persona, con las acciones que le corresponden; primero las vencidas."),
        new("PUT", "/api/me/notices", "Cómo recibo los avisos", "Cuerpo `{\"mode\":\"inmediatos\"}` o `{\"mode\":\"solo-resumen\"}`."),
        new("GET", "/api/attachment-kinds", "Tipos de archivo adjunto", "Los valores de `kind` que acepta la carga de archivos."),
        new("POST", "/api/requests", "Abrir una solicitud",
            "Cuerpo con `procedure` y `title`; los formularios DI-Frm_001 … 004 van en `form` (vea el esquema FormData: campos, formularios y valores permitidos) y los datos del equipo en `equipment`."),
        new("GET", "/api/requests", "Listar solicitudes",
            "Filtros `requester`, `assignee`, `state`, `procedure`, `open`, `overdue`, `skip`, `take`. Quien no es del personal de informática ve las suyas, las que tiene asignadas o que debe probar, y las de procedimientos donde tiene un rol."),
        new("GET", "/api/requests/{number}", "Una solicitud",
            "Datos, historial, comentarios, archivos y las acciones (`actions`) que la persona puede ejecutar ahora."),
        new("POST", "/api/requests/{number}/actions/{action}", "Ejecutar una acción",
            "Ejecuta una transición del procedimiento. Cuerpo opcional (`text`, `assigneeEmail`, `testerEmails`, `expectedVersion`…); `If-Match: \"3\"` también sirve."),
        new("POST", "/api/requests/{number}/comments", "Comentar", "Cuerpo `{\"text\":\"…\"}`."),
        new("POST", "/api/requests/{number}/attachments", "Adjuntar un archivo", "multipart/form-data con `file` y `kind` (vea /api/attachment-kinds)."),
        new("GET", "/api/requests/{number}/attachments/{id}", "Descargar un archivo",
            "Solo quienes participan en la solicitud; las copias de DPI y NIT y los formularios siguen la regla de datos personales y cada descarga queda registrada."),
        new("GET", "/api/requests/{number}/documents", "Documentos generados", "Todas las versiones guardadas del dictamen, los formularios y la conformidad."),
        new("POST", "/api/requests/{number}/documents/{kind}", "Generar un documento",
            "Genera (u obtiene) la versión vigente de `dictamen-excel`, `dictamen-pdf`, `formulario` o `conformidad`."),
        new("GET", "/api/requests/{number}/documents/{kind}", "Descargar un documento", "La versión vigente (o `?version=N`); encabezado `X-Document-Version`."),
        new("GET", "/api/requests/export", "Exportar solicitudes a Excel", "Solo el Director de la Unidad de Informática."),
        new("GET", "/api/units", "Unidades de SOSEP", "Para cualquier persona registrada."),
        new("GET", "/api/units/{id}", "Una unidad", "Para cualquier persona registrada."),
        new("POST", "/api/units", "Registrar una unidad", "Administrador, Director de la Unidad de Informática o Asistente."),
        new("PUT", "/api/units/{id}", "Cambiar una unidad", "Un campo omitido conserva su valor; `\"\"` quita el jefe o el buzón; `contacts` los reemplaza."),
        new("POST", "/api/units/{id}/contacts", "Agregar un contacto", "Cuerpo `{\"email\":\"…\"}`."),
        new("DELETE", "/api/units/{id}/contacts/{email}", "Quitar un contacto", "Administrador, Director de la Unidad de Informática o Asistente."),
        new("GET", "/api/maintenance/plans", "Planes de visitas recurrentes", "DS-UI-03; `?active=true` solo los vigentes. " + Staff),
        new("POST", "/api/maintenance/plans", "Crear un plan de visitas", "Director, Técnico o Asistente de la Unidad de Informática."),
        new("GET", "/api/maintenance/plans/{id}", "Un plan de visitas", Staff),
        new("PUT", "/api/maintenance/plans/{id}", "Cambiar un plan de visitas", "Las visitas ya creadas se quedan; la siguiente ejecución crea las de la nueva regla."),
        new("POST", "/api/maintenance/plans/{id}/end", "Terminar un plan de visitas", "No se crean más visitas (409 si ya había terminado)."),
        new("GET", "/api/jobs", "Tareas programadas", "Director de la Unidad de Informática y administradores: cron, última y próxima ejecución."),
        new("POST", "/api/jobs/{name}/run", "Ejecutar una tarea ahora",
            "Responde su resumen; `?reenviar=true` o `{\"resend\":true}` envía de nuevo el resumen de hoy."),
        new("GET", "/api/mail/quarantine", "Correo en cuarentena", Staff),
        new("POST", "/api/mail/quarantine/{id}/release", "Liberar un correo de la cuarentena", "Se procesa como cualquier correo. " + Staff),
        new("POST", "/api/mail/quarantine/{id}/discard", "Descartar un correo de la cuarentena", Staff),
        new("GET", "/api/outbox/dead-letters", "Avisos no entregados", "Canal, destinatario, solicitud, último error y cuándo se abandonó; sin el cuerpo. " + Staff),
        new("GET", "/api/outbox/waiting", "Avisos en espera de un canal", "Con el motivo. " + Staff),
        new("POST", "/api/outbox/dead-letters/{id}/retry", "Reintentar un aviso", "Vuelve a la cola con intentos nuevos y la misma clave de deduplicación. " + Staff),
        new("POST", "/api/messages", "Actividades de Teams", "El protocolo Bot Connector: solo con un token de Bot Framework (o en modo local desde loopback)."),
        new("GET", "/api/messages", "Comprobación del extremo de Teams", "Responde 200 para quien verifica que el extremo existe."),
        new("HEAD", "/api/messages", "Comprobación del extremo de Teams", "Responde 200 para quien verifica que el extremo existe."),
    ];

    public static ApiOperation? Find(string method, string path) =>
        Operations.FirstOrDefault(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Path, path, StringComparison.OrdinalIgnoreCase));
}
