namespace SosepBot.Core.Procedures;

/// <summary>How a <see cref="Requirement"/>'s Spanish phrase reads, so that a refusal can be a whole, agreeing sentence.</summary>
public enum NeedShape
{
    /// <summary>Something still to do, in the infinitive or a «que …» clause: «falta adjuntar …», «falta que llegue …».</summary>
    Task = 0,

    /// <summary>A singular noun phrase: «falta la firma del técnico».</summary>
    Thing = 1,

    /// <summary>A plural noun phrase: «faltan los permisos del Administrador de Servidores».</summary>
    Things = 2,

    /// <summary>A rule stated as a clause of its own, not something missing: «la persona elegida debe tener el rol …».</summary>
    Rule = 3,
}
