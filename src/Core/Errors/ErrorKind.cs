namespace SosepBot.Core.Errors;

/// <summary>Why something was refused; the host maps each to an HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>Malformed or missing input (400/422).</summary>
    Invalid = 1,

    /// <summary>The request, person or action does not exist (404).</summary>
    NotFound = 2,

    /// <summary>The person's roles do not allow it (403).</summary>
    Forbidden = 3,

    /// <summary>The action is not possible in the request's current state (409).</summary>
    InvalidState = 4,

    /// <summary>Somebody else changed the request first (409).</summary>
    Conflict = 5,
}
