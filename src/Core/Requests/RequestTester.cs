namespace SosepBot.Core.Requests;

/// <summary>
/// A person named to test a development (DS-UI-01 step 8, DS-UI-02 step 7): they see the request, and approve the
/// tests or report failures. The approval belongs to the round of tests it was given in.
/// </summary>
public sealed class RequestTester
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public long PersonId { get; set; }

    public long NamedById { get; set; }

    public DateTimeOffset NamedAt { get; set; }

    /// <summary>When this tester approved the current round of tests; null until then, and again after failures are reported.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }
}
