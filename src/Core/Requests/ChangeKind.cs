namespace SosepBot.Core.Requests;

/// <summary>The forms' "Nuevo / Actualización / Baja" boxes.</summary>
public enum ChangeKind
{
    Nuevo = 1,
    Actualizacion = 2,
    Baja = 3,
}
