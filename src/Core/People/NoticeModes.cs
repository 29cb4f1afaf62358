using SosepBot.Core.Errors;

namespace SosepBot.Core.People;

/// <summary>The Spanish names of <see cref="NoticeMode"/>, as people type them (API, command line, Teams).</summary>
public static class NoticeModes
{
    public const string Immediate = "inmediatos";
    public const string SummaryOnly = "solo-resumen";

    public static string ToSpanish(this NoticeMode mode) => mode == NoticeMode.SummaryOnly ? SummaryOnly : Immediate;

    /// <summary>What the mode means, in a sentence.</summary>
    public static string Describe(this NoticeMode mode) => mode == NoticeMode.SummaryOnly
        ? "recibe solo el resumen diario «Sus pendientes» de lo que espera por usted (las novedades de sus propias solicitudes siguen llegando al momento)"
        : "recibe un aviso en cuanto algo espera por usted, y además el resumen diario «Sus pendientes»";

    /// <summary>"inmediatos", "inmediato", "solo resumen", "solo-resumen", "resumen"; a Spanish refusal naming the field and the values otherwise.</summary>
    public static NoticeMode Parse(string? text)
    {
        var key = (text ?? string.Empty).Trim().ToLowerInvariant().Replace('-', ' ').Replace('_', ' ');
        return key switch
        {
            "inmediatos" or "inmediato" or "immediate" => NoticeMode.Immediate,
            "solo resumen" or "resumen" or "summary" or "summaryonly" or "summary only" => NoticeMode.SummaryOnly,
            _ => throw new DomainException(ErrorKind.Invalid,
                PeopleTexts.UnknownNoticeMode(text ?? string.Empty, Immediate, SummaryOnly))
            { Field = "modo" },
        };
    }
}
