using SosepBot.Core.Units;

namespace SosepBot.Web.Pages.Administracion;

/// <summary>A unit's form in «Administración», as <see cref="UnitService"/> takes it (the same checks as the API and the CLI).</summary>
public sealed class UnitForm
{
    public string? Nombre { get; set; }

    public string? Tipo { get; set; }

    public string? Departamento { get; set; }

    /// <summary>The head's e-mail; empty for none.</summary>
    public string? Jefe { get; set; }

    /// <summary>The contacts' e-mails, one a line or separated by commas; they replace the unit's.</summary>
    public string? Contactos { get; set; }

    /// <summary>The unit's shared mailbox; empty for none.</summary>
    public string? Buzon { get; set; }

    /// <summary>Every field as the form shows it: one left empty is refused by the service (a name, a department) or removes the value.</summary>
    public UnitInput Input() => new()
    {
        Name = Nombre ?? string.Empty,
        Kind = Tipo ?? string.Empty,
        Department = Departamento ?? string.Empty,
        HeadEmail = Jefe ?? string.Empty,
        Contacts = (Contactos ?? string.Empty).Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        SharedMailbox = Buzon ?? string.Empty,
    };
}
