namespace SosepBot.Core.Errors;

/// <summary>A refusal with a plain Spanish message for the person who asked. Nothing was changed.</summary>
public sealed class DomainException : Exception
{
    public DomainException(ErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public DomainException()
        : this(ErrorKind.Invalid, "Solicitud no válida.")
    {
    }

    public DomainException(string message)
        : this(ErrorKind.Invalid, message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = ErrorKind.Invalid;
    }

    public ErrorKind Kind { get; }

    /// <summary>Field the message is about, when there is one (e.g. "cui").</summary>
    public string? Field { get; init; }
}
