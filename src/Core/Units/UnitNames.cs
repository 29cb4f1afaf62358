using System.Text;
using SosepBot.Core.Errors;
using SosepBot.Core.Validation;

namespace SosepBot.Core.Units;

/// <summary>How unit names, kinds and departments are read: without regard to case, accents or repeated spaces.</summary>
public static class UnitNames
{
    public const int MaxName = 200;

    /// <summary>"  Sede  Quetzaltenango " and "sede quetzaltenango" have the same key: "sede quetzaltenango".</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in Accents.Strip(name))
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The name trimmed, its inner spaces collapsed; refused when empty or too long.</summary>
    public static string Clean(string? name)
    {
        var cleaned = string.Join(' ', (name ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length switch
        {
            0 => throw new DomainException(ErrorKind.Invalid, UnitTexts.MissingName) { Field = "nombre" },
            > MaxName => throw new DomainException(ErrorKind.Invalid, UnitTexts.NameTooLong(MaxName)) { Field = "nombre" },
            _ => cleaned,
        };
    }

    /// <summary>The 22 departments of Guatemala.</summary>
    public static IReadOnlyList<string> Departments { get; } =
        Enumerable.Range(1, GuatemalaDepartments.Count).Select(GuatemalaDepartments.NameOf).ToList();

    /// <summary>The department as spelled in <see cref="Departments"/> ("quiche" → "Quiché"); refused when it is none of them.</summary>
    public static string Department(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorKind.Invalid, UnitTexts.DepartmentNeeded) { Field = "departamento" };
        }

        return FindDepartment(name) ?? throw new DomainException(ErrorKind.Invalid,
            UnitTexts.UnknownDepartment(name.Trim(), Departments)) { Field = "departamento" };
    }

    /// <summary>The department whose name is <paramref name="name"/> (any case or accents), or null.</summary>
    public static string? FindDepartment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = Key(name);
        return Departments.FirstOrDefault(d => Key(d) == key);
    }

    /// <summary>"OficinaCentral", "oficina central", "central", "SedeDepartamental", "sede departamental", "sede".</summary>
    public static UnitKind Kind(string? text)
    {
        var key = Key(text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        return key switch
        {
            "oficinacentral" or "central" or "oficinascentrales" => UnitKind.OficinaCentral,
            "sededepartamental" or "sede" or "departamental" => UnitKind.SedeDepartamental,
            _ => throw new DomainException(ErrorKind.Invalid,
                UnitTexts.UnknownKind(text?.Trim() ?? string.Empty)) { Field = "tipo" },
        };
    }

    public static string ToSpanish(this UnitKind kind) => kind == UnitKind.SedeDepartamental ? "sede departamental" : "oficina central";
}
