using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SosepBot.Core.Attachments;
using SosepBot.Core.Validation;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Reads what a person typed: its <see cref="Intent"/> (from the phrase tables below, compared without accents, case,
/// punctuation or repeated letters, with one typo allowed in longer words), request numbers, procedure codes and the
/// kind of a file. tests/Bot.Tests/Teams/Phrases/intents.tsv holds the real phrasings each table must understand.
/// </summary>
public static partial class TextIntents
{
    private enum Talk
    {
        Filler,
        Greeting,
        Thanks,

        /// <summary>«ok», «bueno», «listo»: a yes alone, an acknowledgement with thanks («ok, gracias» does not open a ticket).</summary>
        Ack,
        Yes,
        No,
    }

    /// <summary>Emoji that stand for a word (first: the tables below are read through <see cref="Tokens"/>).</summary>
    private static readonly Dictionary<int, string> EmojiWords = new()
    {
        [0x1F44D] = "ok", // 👍
        [0x1F44C] = "ok", // 👌
        [0x2705] = "si", // ✅
        [0x2714] = "si", // ✔
        [0x1F64F] = "gracias", // 🙏
        [0x1F44E] = "no", // 👎
        [0x274C] = "no", // ❌
        [0x1F44B] = "hola", // 👋
    };

    /// <summary>Small talk: a message made only of these (in any order) is a yes, a no, thanks or a greeting.</summary>
    private static readonly (string[] Words, Talk Kind)[] TalkPhrases = Table<Talk>(
    [
        (Talk.Ack, ["ok", "okey", "okay", "oki", "okis", "oka", "okey dokey", "oki doki", "va", "va pues", "vaya pues", "sale", "bueno", "esta bien", "ta bien",
            "perfecto", "correcto", "listo", "de acuerdo", "entendido", "enterado", "enterada"]),
        (Talk.Yes, ["si", "sí", "sip", "sipi", "sisi", "dale", "simon", "claro", "claro que si", "de una",
            "orale", "andale", "hagale", "hagalo", "hacelo", "hazlo", "afirmativo", "por supuesto",
            "adelante", "yes", "yep", "abralo", "abrelo", "abrilo", "abramelo", "abrimelo", "abralo porfa", "confirmo", "confirmar", "hecho",
            "obvio", "seguro", "exacto", "asi es", "aja", "eso", "si quiero", "si lo quiero", "abra el ticket", "abrir el ticket", "abre el ticket", "abri el ticket", "abralo por favor", "me parece", "va que va"]),
        (Talk.No, ["no", "nel", "nel pastel", "nop", "nope", "nones", "negativo", "mejor no", "todavia no", "aun no", "ya no", "no por ahora", "por ahora no",
            "cancelar", "cancela", "cancelalo", "cancelelo", "olvidalo", "olvidelo", "dejalo", "dejelo", "dejalo asi", "dejelo asi", "asi dejelo", "no hace falta",
            "no es necesario", "ya no es necesario", "ya se resolvio", "ya se arreglo", "ya se arreglo solo", "ya se compuso", "ya se compuso solo", "ya funciona", "ya quedo", "claro que no", "para nada", "no quiero", "no lo abra",
            "no abra nada", "nada"]),
        (Talk.Thanks, ["gracias", "muchas gracias", "mil gracias", "muchisimas gracias", "un millon de gracias", "muy amable", "muy amable de su parte", "te agradezco",
            "le agradezco", "se agradece", "agradecido", "agradecida", "grax", "gracis", "thanks", "thx", "gracias por todo", "gracias por la ayuda",
            "gracias por su ayuda", "gracias por tu ayuda", "adios", "bye", "chao", "chau", "hasta luego", "hasta pronto", "nos vemos", "que tenga buen dia",
            "que tenga feliz dia", "feliz dia", "buen provecho", "que le vaya bien", "bendiciones", "dios le bendiga", "excelente", "genial", "super", "chilero",
            "muy bien", "que bueno", "buenisimo", "todo bien", "estamos", "feliz tarde", "linda tarde"]),
        (Talk.Greeting, ["hola", "ola", "holi", "holis", "hello", "hi", "hey", "buenas", "buenos dias", "buen dia", "buenas tardes", "buenas noches", "que tal",
            "saludos", "que onda", "quiubo", "que hubo", "como esta", "como estas", "como le va", "como te va", "como amanecio", "como amaneciste", "como vas",
            "muy buenos dias", "muy buenas tardes", "feliz inicio de semana", "que gusto saludarle", "mucho gusto"]),
        (Talk.Filler, ["pues", "por favor", "porfavor", "xfa", "xfavor", "porfa", "porfis", "mucho", "muchas", "por la ayuda", "por su ayuda", "por todo", "plis", "pls", "please", "senor", "senora", "seno", "lic", "licda", "licenciado", "licenciada",
            "inge", "ingeniero", "ingeniera", "don", "dona", "mano", "vos", "usted", "bot", "sosepbot", "asistente", "amigo", "amiga", "ya", "entonces",
            "oiga", "oye", "mire", "fijese", "fijate", "este", "ah", "eh", "mmm", "bien", "todo", "a", "y", "de", "nuevo", "otra vez"]),
    ]);

    /// <summary>Commands: the whole message (after a greeting or «quiero ver…» in front, «por favor» behind).</summary>
    private static readonly (string[] Words, Intent Kind)[] CommandPhrases = Table<Intent>(
    [
        (Intent.Help, ["ayuda", "help", "inicio", "que puedes hacer", "que podes hacer", "que puede hacer", "que sabes hacer", "que haces", "comandos", "start",
            "como funciona", "como funciona esto", "que es esto", "como funcionas", "como te uso", "como lo uso", "instrucciones", "no se que hacer", "info", "informacion", "opciones", "ayudame",
            "ayudeme", "auxilio"]),
        (Intent.Menu, ["menu", "el menu", "nueva solicitud", "una nueva solicitud", "solicitar", "procedimientos", "formularios", "formulario", "nuevo", "tramites",
            "abrir ticket", "abrir un ticket", "nuevo ticket", "crear ticket", "crear un ticket", "levantar un ticket", "hacer una solicitud",
            "abrir una solicitud", "reportar un problema", "reportar una falla", "catalogo"]),
        (Intent.Mine, ["mis solicitudes", "mis tickets", "mis casos", "solicitudes", "solicitud", "mis pedidos", "mis reportes", "mis tramites", "mis requerimientos",
            "tickets", "lista de solicitudes", "mis solicitudes abiertas", "todas mis solicitudes"]),
        (Intent.Queue, ["pendientes", "mis pendientes", "mi trabajo", "trabajo pendiente", "cola", "bandeja", "mi cola", "mi bandeja", "que tengo pendiente",
            "mis asignaciones", "asignados", "mis asignados", "tickets asignados", "lo que me toca"]),
        (Intent.Quarantine, ["cuarentena", "correo en cuarentena", "correos en cuarentena", "correo retenido", "correos retenidos"]),
        (Intent.DeadLetters, ["no entregados", "avisos no entregados", "avisos fallidos", "avisos perdidos", "no entregado", "avisos sin entregar"]),
        (Intent.Notices, ["avisos", "mis avisos", "notificaciones", "mis notificaciones", "preferencias", "configurar avisos"]),
    ]);

    /// <summary>The commands' phrases as one line each, as the message's words are compared with them.</summary>
    private static readonly (string Line, Intent Kind)[] CommandLines = [.. CommandPhrases.Select(p => (string.Join(' ', p.Words), p.Kind))];

    private static readonly string[][] LeadingPolite = Phrases(["oiga", "oye", "disculpe", "disculpa", "perdon", "una consulta", "consulta", "una pregunta",
        "por favor", "porfa", "quiero", "quisiera", "necesito", "deseo", "me gustaria", "ver", "mostrar", "mostrarme", "muestreme", "muestrame", "mostrame",
        "ensename", "ensename", "deme", "dame", "dime", "digame", "decime", "me puede mostrar", "me podria mostrar", "me puedes mostrar", "me podes mostrar",
        "puede mostrarme", "podria", "puede", "puedes", "podes", "me", "el", "la", "los", "las"]);

    /// <summary>What may stand before a command: greetings and courtesies.</summary>
    private static readonly string[][] Leading = [.. TalkPhrases.Where(p => p.Kind == Talk.Greeting).Select(p => p.Words).Concat(LeadingPolite)];

    private static readonly string[][] TrailingPolite = Phrases(["por favor", "porfavor", "xfa", "porfa", "porfis", "plis", "pls", "please", "gracias", "pues", "ya", "aqui",
        "ahora", "bot", "sosepbot"]);

    /// <summary>Phrases that ask how a request is going, whatever else the message says.</summary>
    private static readonly string[] StatusCues = Padded(["como va", "como van", "en que estado", "que estado", "como vamos", "como sigue", "como siguen", "en que va", "en que van",
        "en que quedo", "en que quedamos", "en que paso", "que paso con", "que pasa con", "que ha pasado con", "que hubo con", "que onda con", "estado de",
        "estado del", "estatus", "status", "seguimiento", "alguna novedad", "novedades", "hay noticias", "alguna noticia", "ya resolvieron", "ya solucionaron",
        "ya arreglaron", "ya atendieron", "ya revisaron", "ya vieron", "ya me resolvieron", "ya me arreglaron", "ya me atendieron", "cuando resuelven",
        "cuando me resuelven", "cuando vienen", "cuando me atienden", "cuando van a", "para cuando", "cuanto falta", "sigue pendiente", "nadie me ha",
        "nadie ha venido", "nadie vino", "lo mio", "me van a atender", "ya lo vieron", "ya resolvio", "ya resolviste", "ya lo resolvieron"]);

    /// <summary>Phrases that ask how a request is going only when they name one («¿y mi ticket?», «ya quedó lo de la impresora»).</summary>
    private static readonly string[] WeakStatusCues = Padded(["como esta", "como estan", "que paso", "que hay de", "ya quedo", "ya esta", "ya estan",
        "todavia no", "aun no", "no me han", "nadie", "avance", "avances", "sigue", "siguen", "donde esta", "cuando", "respuesta", "me van a", "revisaron",
        "atendieron", "resolvieron", "y mi", "y el", "y la", "lo de"]);

    private static readonly string[] RequestNouns = Padded(["solicitud", "solicitudes", "ticket", "tickets", "tiket", "tiquete", "caso", "casos",
        "reporte", "pedido", "tramite", "requerimiento", "gestion", "incidencia", "orden", "lo mio", "lo de"]);

    /// <summary>Words of a problem: two of them with one of these («no imprime», «sin internet») already describe one.</summary>
    private static readonly HashSet<string> ProblemWords = [.. Joined(["impresora", "imprime", "imprimir", "internet", "red", "wifi", "correo", "outlook",
        "computadora", "compu", "pc", "laptop", "monitor", "pantalla", "teclado", "mouse", "raton", "contrasena", "clave", "password", "usuario", "sistema",
        "canonera", "proyector", "telefono", "extension", "escaner", "scanner", "virus", "lento", "lenta", "enciende", "prende", "funciona", "sirve", "falla",
        "error", "bloqueado", "bloqueada", "cable", "office", "teams", "excel", "word", "acceso", "instalar", "toner", "tinta", "papel", "atasco", "atascada",
        "vpn", "servidor", "carpeta", "bsosep", "cuenta", "se trabo", "trabado", "trabada", "congelada", "congelado"])];

    /// <summary>The file kinds a person may send, in the order they are looked for ("formulario de mantenimiento" is a maintenance form, not a signed form).</summary>
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

    private const int MaxStatusWords = 16;

    /// <summary>Lower case, without accents and the closing punctuation: for request numbers, procedure codes and file words.</summary>
    public static string Normalize(string? text)
    {
        return Accents.Strip((text ?? string.Empty).Trim().ToLowerInvariant()).Trim().TrimEnd('.', '!', '¡', '¿').Trim();
    }

    /// <summary>What the typed message asks for.</summary>
    public static Intent Classify(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return Intent.Help;
        }

        if (RequestNumber(text) is not null)
        {
            return Intent.Request;
        }

        var words = Tokens(text);
        if (words.Count == 0)
        {
            return normalized.Contains('?', StringComparison.Ordinal) ? Intent.Help : Intent.Unknown;
        }

        if (SmallTalk(words) is { } talk)
        {
            return talk;
        }

        if (Command(words) is { } command)
        {
            return command;
        }

        if (ProcedureCode(normalized) is not null && words.Count <= 5)
        {
            return Intent.Form;
        }

        if (AsksStatus(words))
        {
            return Intent.Status;
        }

        return words.Count >= 3 || words.Count == 2 && words.Any(ProblemWords.Contains) ? Intent.Ticket : Intent.Unknown;
    }

    /// <summary>"buenos días" → "Buenos días": the greeting to answer with, mirroring the person's.</summary>
    public static string GreetingOf(string? text)
    {
        var joined = " " + string.Join(' ', Tokens(text)) + " ";
        return joined.Contains(" buenos dias ", StringComparison.Ordinal) || joined.Contains(" buen dia ", StringComparison.Ordinal) ? "Buenos días"
            : joined.Contains(" buenas tardes ", StringComparison.Ordinal) ? "Buenas tardes"
            : joined.Contains(" buenas noches ", StringComparison.Ordinal) ? "Buenas noches"
            : "Hola";
    }

    /// <summary>The words of a status question that may name what it is about («impresora» in «qué pasó con lo de la impresora»).</summary>
    public static IReadOnlyList<string> Topics(string? text) =>
        Tokens(text).Where(w => w.Length >= 4 && !StatusWords.Contains(w)).Distinct().ToList();

    /// <summary>The words of status questions and of requests, which name no topic.</summary>
    private static readonly HashSet<string> StatusWords =
    [
        .. StatusCues.Concat(WeakStatusCues).Concat(RequestNouns).SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
        .. Joined(["esta", "estan", "sobre", "favor", "porfa", "gracias", "hola", "buenas", "pasado"]),
    ];

    /// <summary>
    /// The message's words: lower case, without accents, punctuation or repeated letters («Holaaa!!» → «hola», «¿Sííí?» → «si»),
    /// a few emoji as the word they stand for (👍 → «ok»).
    /// </summary>
    public static IReadOnlyList<string> Tokens(string? text)
    {
        var lowered = Accents.Strip((text ?? string.Empty).ToLowerInvariant());
        var tokens = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }

        for (var i = 0; i < lowered.Length; i++)
        {
            var c = lowered[i];
            if (char.IsLetterOrDigit(c))
            {
                if (!(char.IsLetter(c) && word.Length > 0 && word[^1] == c))
                {
                    word.Append(c);
                }

                continue;
            }

            Flush();
            var codePoint = char.IsHighSurrogate(c) && i + 1 < lowered.Length && char.IsLowSurrogate(lowered[i + 1]) ? char.ConvertToUtf32(c, lowered[++i]) : c;
            if (EmojiWords.TryGetValue(codePoint, out var stands))
            {
                tokens.Add(stands);
            }
        }

        Flush();
        return tokens;
    }

    public static string? RequestNumber(string? text) =>
        NumberPattern().Match(text ?? string.Empty) is { Success: true } m
            ? $"UI-{m.Groups[1].Value}-{int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture):00000}"
            : null;

    public static bool AsksHistory(string normalized) => normalized.StartsWith("historial", StringComparison.Ordinal);

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

    /// <summary>The kind of file the person says they are sending ("UI-2026-00042 dpi").</summary>
    public static AttachmentKind KindOf(string normalized) =>
        FileWords.FirstOrDefault(w => normalized.Contains(w.Word, StringComparison.Ordinal)) is { Word: not null } found ? found.Kind : AttachmentKind.Otro;

    /// <summary>The word a person types with a request number to send a file of this kind (null for kinds not sent in the chat).</summary>
    public static string? WordFor(AttachmentKind kind) => FileWords.FirstOrDefault(w => w.Kind == kind).Word;

    /// <summary>Yes, no, thanks or a greeting when every word is small talk (the strongest wins: no, yes, thanks, «ok», greeting).</summary>
    private static Intent? SmallTalk(IReadOnlyList<string> words)
    {
        if (words.Count > 40)
        {
            return null;
        }

        var seen = new HashSet<Talk>();
        for (var i = 0; i < words.Count;)
        {
            var match = TalkPhrases.FirstOrDefault(p => StartsWith(words, i, p.Words));
            if (match.Words is null)
            {
                return null;
            }

            seen.Add(match.Kind);
            i += match.Words.Length;
        }

        return seen.Contains(Talk.No) ? Intent.No
            : seen.Contains(Talk.Yes) ? Intent.Yes
            : seen.Contains(Talk.Thanks) ? Intent.Thanks
            : seen.Contains(Talk.Ack) ? Intent.Yes
            : seen.Contains(Talk.Greeting) ? Intent.Greeting
            : null;
    }

    /// <summary>A command, the whole message once greetings and courtesies around it are left out («hola, ¿me puede mostrar mis solicitudes?»).</summary>
    private static Intent? Command(IReadOnlyList<string> words)
    {
        var (start, end) = (0, words.Count);
        for (var trimmed = true; trimmed;)
        {
            trimmed = false;
            if (Leading.FirstOrDefault(p => end - start > p.Length && StartsWith(words, start, p)) is { } lead)
            {
                start += lead.Length;
                trimmed = true;
            }

            if (TrailingPolite.FirstOrDefault(p => end - start > p.Length && StartsWith(words, end - p.Length, p)) is { } tail)
            {
                end -= tail.Length;
                trimmed = true;
            }
        }

        var core = string.Join(' ', words.Skip(start).Take(end - start));
        if (core.Length > 60)
        {
            return null;
        }

        foreach (var (wanted, kind) in CommandLines)
        {
            if (core == wanted || wanted.Length >= 5 && Distance(core, wanted) <= (wanted.Length >= 12 ? 2 : 1))
            {
                return kind;
            }
        }

        return null;
    }

    private static bool AsksStatus(IReadOnlyList<string> words)
    {
        if (words.Count > MaxStatusWords)
        {
            return false;
        }

        var joined = " " + string.Join(' ', words) + " ";
        if (StatusCues.Any(c => joined.Contains(c, StringComparison.Ordinal)))
        {
            return true;
        }

        var namesRequest = RequestNouns.Any(n => joined.Contains(n, StringComparison.Ordinal));
        return namesRequest && (WeakStatusCues.Any(c => joined.Contains(c, StringComparison.Ordinal)) || words.Count <= 4 && words[0] is "mi" or "el" or "la");
    }

    /// <summary>The phrase's words start at <paramref name="at"/>; a word of five letters or more may carry one typo, one of four two letters swapped.</summary>
    private static bool StartsWith(IReadOnlyList<string> words, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Count)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            var (typed, wanted) = (words[at + i], phrase[i]);
            var typo = Math.Abs(typed.Length - wanted.Length) > 1 || typed[0] != wanted[0] && typed[^1] != wanted[^1] ? false
                : wanted.Length >= 5 ? Distance(typed, wanted) <= 1
                : wanted.Length == 4 && typed.Length == 4 && Distance(typed, wanted) == 1 && typed.Order().SequenceEqual(wanted.Order());
            if (typed != wanted && !typo)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Optimal string alignment distance (a swap of two letters is one typo); strings far apart in length, or long, are not compared.</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || b.Length > 64)
        {
            return int.MaxValue;
        }

        // Three rows of the table: the one before the previous (for swaps), the previous and the current.
        Span<int> rows = stackalloc int[3 * (b.Length + 1)];
        var older = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows[(2 * (b.Length + 1))..];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], older[j - 2] + 1);
                }
            }

            var recycled = older;
            older = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    /// <summary>Each phrase as its words (normalised as typed words are), longest first so that «no gracias» wins over «no».</summary>
    private static (string[] Words, T Kind)[] Table<T>((T Kind, string[] Phrases)[] rows) =>
        rows.SelectMany(r => r.Phrases.Select(p => (Words: Tokens(p).ToArray(), r.Kind))).OrderByDescending(p => p.Words.Length).ToArray();

    private static string[][] Phrases(string[] phrases) => phrases.Select(p => Tokens(p).ToArray()).OrderByDescending(p => p.Length).ToArray();

    private static string[] Joined(string[] phrases) => phrases.Select(p => string.Join(' ', Tokens(p))).ToArray();

    /// <summary>Each phrase between spaces, to be found in a message's words joined the same way.</summary>
    private static string[] Padded(string[] phrases) => Joined(phrases).Select(p => $" {p} ").ToArray();

    [GeneratedRegex(@"\bUI-(\d{4})-(\d{1,5})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\bds-ui-(0[1-8])\b", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
