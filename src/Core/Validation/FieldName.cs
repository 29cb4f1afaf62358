namespace SosepBot.Core.Validation;

/// <summary>
/// A field as a Spanish sentence names it: its noun, gender and number, so that articles, verbs and adjectives agree
/// («el título es demasiado largo», «la descripción es demasiado larga», «los apellidos no son válidos»).
/// </summary>
/// <param name="Key">The identifier a refusal carries in <see cref="Errors.DomainException.Field"/> («descripción»).</param>
/// <param name="Noun">The noun phrase without article («descripción», «tipo de solicitud»).</param>
/// <param name="Feminine">Grammatical gender of <paramref name="Noun"/>.</param>
/// <param name="Plural">The noun phrase is plural («apellidos completos»).</param>
public sealed record FieldName(string Key, string Noun, bool Feminine, bool Plural = false)
{
    /// <summary>«el título», «la descripción», «los apellidos completos».</summary>
    public string The => Article() + " " + Noun;

    /// <summary>«El título», «La descripción», to begin a sentence.</summary>
    public string TheAtStart => char.ToUpperInvariant(Article()[0]) + Article()[1..] + " " + Noun;

    /// <summary>«es» or «son».</summary>
    public string Is => Plural ? "son" : "es";

    /// <summary>The adjective that agrees, from its masculine singular ending in «o»: «largo» → «larga», «largos», «largas».</summary>
    public string Agree(string masculine)
    {
        ArgumentNullException.ThrowIfNull(masculine);
        var stem = masculine.EndsWith('o') ? masculine[..^1] : masculine;
        return stem + (Feminine ? "a" : "o") + (Plural ? "s" : string.Empty);
    }

    private string Article() => (Feminine, Plural) switch
    {
        (false, false) => "el",
        (true, false) => "la",
        (false, true) => "los",
        (true, true) => "las",
    };
}
