namespace SosepBot.Mailbox.Graph;

/// <summary>One page of Graph's delta query: message ids, and either the next page's link or the delta link to resume from.</summary>
public sealed record DeltaPage(IReadOnlyList<string> Ids, string? NextLink, string? DeltaLink);
