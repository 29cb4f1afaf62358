namespace SosepBot.Core.Units;

/// <summary>Every refusal <see cref="UnitService"/> and <see cref="UnitNames"/> say, in one place for a reviewer.</summary>
public static class UnitTexts
{
    public const string OnlyEditors = "Solo el Administrador, el Director de la Unidad de Informática o la Asistente registran y cambian unidades.";
    public const string UnitNeeded = "Indique la unidad (su número o su nombre).";
    public const string DuplicateInFile = "La unidad aparece dos veces en el archivo.";
    public const string MissingName = "Falta el nombre de la unidad.";
    public const string DepartmentNeeded = "Indique el departamento de la unidad (uno de los 22 departamentos de Guatemala).";

    public static string NotFound(string unit) => $"La unidad {unit} no está registrada.";

    public static string NotRegistered(string unit) =>
        $"La unidad «{unit}» no está registrada. Regístrela primero (units add) o revise el nombre.";

    public static string NotAContact(string email) => $"La persona {email} no es contacto de esta unidad.";

    public static string EmptyInFile(int line) => $"La unidad n.º {line} del archivo está vacía.";

    /// <summary>«Unidad n.º 2 (Sede Jutiapa): Falta …» — a refusal of one unit of an imported file.</summary>
    public static string InFile(int line, string? name, string message) => string.IsNullOrWhiteSpace(name)
        ? $"Unidad n.º {line}: {message}"
        : $"Unidad n.º {line} ({name.Trim()}): {message}";

    public static string NameTaken(string name) => $"Ya existe una unidad llamada «{name}» (sin distinguir mayúsculas ni tildes).";

    public static string SharedMailboxInvalid(string email) => $"El buzón compartido «{email}» no es una dirección de correo válida.";

    public static string NameTooLong(int max) => $"El nombre de la unidad es demasiado largo (máximo {max} caracteres).";

    public static string UnknownDepartment(string name, IEnumerable<string> departments) =>
        $"El nombre «{name}» no es un departamento de Guatemala. Departamentos: {string.Join(", ", departments)}.";

    public static string UnknownKind(string kind) => $"El tipo de unidad «{kind}» no existe: «oficina central» o «sede departamental».";
}
