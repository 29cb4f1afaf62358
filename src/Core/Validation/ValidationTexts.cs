namespace SosepBot.Core.Validation;

/// <summary>
/// The Spanish refusals for data that is missing, too long or not one of its allowed values, with the fields they
/// name; one place for a reviewer to read them (the forms' own rules are in <c>Procedures/Catalog/FormCatalog</c>).
/// </summary>
public static class ValidationTexts
{
    public static readonly FieldName Title = new("título", "título", Feminine: false);
    public static readonly FieldName Description = new("descripción", "descripción", Feminine: true);
    public static readonly FieldName Unit = new("unidad", "unidad", Feminine: true);
    public static readonly FieldName Comment = new("comentario", "comentario", Feminine: false);

    /// <summary>The free-text fields of a request that request services check (<see cref="Requests.RequestRecords.Text"/>).</summary>
    public static IReadOnlyList<FieldName> TextFields { get; } = [Title, Description, Unit, Comment];

    public static string Missing(FieldName field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return $"Falta {field.The}.";
    }

    public static string TooLong(FieldName field, int max)
    {
        ArgumentNullException.ThrowIfNull(field);
        return $"{field.TheAtStart} {field.Is} demasiado {field.Agree("largo")} (máximo {max} caracteres).";
    }

    /// <summary>«El tipo de solicitud (campo form.changeKind) no es válido: use Nuevo, Actualizacion o Baja.»</summary>
    public static string NotAllowed(FieldName field, string path, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(allowed);
        return $"{field.TheAtStart} (campo {path}) no {field.Is} {field.Agree("válido")}: use {JoinOr(allowed)}.";
    }

    /// <summary>«La fecha programada (campo scheduledFor) no es válida: escriba una fecha y hora ISO 8601.»</summary>
    public static string WrongType(FieldName field, string path, string expected)
    {
        ArgumentNullException.ThrowIfNull(field);
        return $"{field.TheAtStart} (campo {path}) no {field.Is} {field.Agree("válido")}: escriba {expected}.";
    }

    /// <summary>«a, b o c».</summary>
    public static string JoinOr(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count <= 1 ? string.Join(string.Empty, items) : string.Join(", ", items.Take(items.Count - 1)) + " o " + items[^1];
    }
}
