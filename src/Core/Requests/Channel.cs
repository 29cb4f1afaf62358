namespace SosepBot.Core.Requests;

/// <summary>Where an action came from; kept in the audit trail.</summary>
public enum Channel
{
    Api = 1,
    Teams = 2,
    Mail = 3,

    /// <summary>Registered by IT staff from a phone call (DS-UI-06).</summary>
    Phone = 4,

    /// <summary>Done by the service itself (jobs).</summary>
    System = 5,

    /// <summary>The staff web console.</summary>
    Web = 6,
}
