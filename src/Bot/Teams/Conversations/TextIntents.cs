using System.Globalization;
using System.Text.RegularExpressions;
using SosepBot.Core.Attachments;
using SosepBot.Core.Validation;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>Reads what a person typed: commands in Spanish, request numbers, procedure codes and the kind of a file.</summary>
public static partial class TextIntents
{
    private static readonly string[] HelpWords = ["", "hola", "ayuda", "help", "?", "inicio", "buenos dias", "buenas tardes", "buenas", "que puedes hacer", "comandos", "start"];
    private static readonly string[] MenuWords = ["menu", "nueva solicitud", "solicitar", "procedimientos", "formularios", "nuevo"];
    private static readonly string[] MineWords = ["mis solicitudes", "mis tickets", "mis casos", "solicitudes", "mis pedidos"];
    private static readonly string[] QueueWords = ["pendientes", "mi trabajo", "trabajo pendiente", "cola", "bandeja", "mi cola"];
    private static readonly string[] QuarantineWords = ["cuarentena", "correo en cuarentena", "correos en cuarentena", "correo retenido", "correos retenidos"];
    private static readonly string[] NoticeWords = ["avisos", "mis avisos", "notificaciones", "mis notificaciones", "preferencias", "configurar avisos"];
    private static readonly string[] DeadLetterWords = ["no entregados", "avisos no entregados", "avisos fallidos", "avisos perdidos"];

    public static string Normalize(string? text)
    {
        return Accents.Strip((text ?? string.Empty).Trim().ToLowerInvariant()).Trim().TrimEnd('.', '!', '¡', '¿').Trim();
    }

    public static bool IsHelp(string normalized) => HelpWords.Contains(normalized);

    public static bool IsMenu(string normalized) => MenuWords.Contains(normalized);

    public static bool IsMine(string normalized) => MineWords.Contains(normalized);

    public static bool IsQueue(string normalized) => QueueWords.Contains(normalized);

    public static bool IsQuarantine(string normalized) => QuarantineWords.Contains(normalized);

    public static bool IsDeadLetters(string normalized) => DeadLetterWords.Contains(normalized);

    public static bool IsNotices(string normalized) => NoticeWords.Contains(normalized);

    public static bool AsksHistory(string normalized) => normalized.StartsWith("historial", StringComparison.Ordinal);

    public static string? RequestNumber(string? text) =>
        NumberPattern().Match(text ?? string.Empty) is { Success: true } m
            ? $"UI-{m.Groups[1].Value}-{int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture):00000}"
            : null;

    /// <summary>"formulario DS-UI-07", "DS-UI-08", "siges" → the procedure code.</summary>
    public static string? ProcedureCode(string normalized)
    {
        if (CodePattern().Match(normalized) is { Success: true } m)
        {
            return $"DS-UI-{m.Groups[1].Value}";
        }

        return normalized.Contains("siges", StringComparison.Ordinal) || normalized.Contains("sicoin", StringComparison.Ordinal)
            ? "SIGES-SICOIN"
            : null;
    }

    public static int Words(string normalized) => normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The word that names each kind of file a person may send, in the order they are looked for ("formulario de mantenimiento" is a maintenance form, not a signed form).</summary>
    private static readonly (string Word, AttachmentKind Kind)[] FileWords =
    [
        ("dpi", AttachmentKind.CopiaDpi),
        ("nit", AttachmentKind.CopiaNit),
        ("mantenimiento", AttachmentKind.FormularioMantenimiento),
        ("formulario", AttachmentKind.FormularioFirmado),
        ("oficio", AttachmentKind.Oficio),
        ("foto", AttachmentKind.Fotografia),
        ("dercas", AttachmentKind.Dercas),
        ("analisis", AttachmentKind.DocumentoAnalisis),
        ("calendario", AttachmentKind.CalendarioActividades),
        ("requerimiento", AttachmentKind.DocumentoRequerimiento),
        ("plan", AttachmentKind.PlanTrabajo),
        ("prueba", AttachmentKind.InformePruebas),
        ("constancia", AttachmentKind.ConstanciaInventarios),
        ("dictamen", AttachmentKind.Dictamen),
    ];

    /// <summary>The kind of file the person says they are sending ("UI-2026-00042 dpi").</summary>
    public static AttachmentKind KindOf(string normalized) =>
        FileWords.FirstOrDefault(w => normalized.Contains(w.Word, StringComparison.Ordinal)) is { Word: not null } found ? found.Kind : AttachmentKind.Otro;

    /// <summary>The word a person types with a request number to send a file of this kind (null for kinds not sent in the chat).</summary>
    public static string? WordFor(AttachmentKind kind) => FileWords.FirstOrDefault(w => w.Kind == kind).Word;

    [GeneratedRegex(@"\bUI-(\d{4})-(\d{1,5})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\bds-ui-(0[1-8])\b", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
