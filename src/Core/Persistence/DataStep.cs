namespace SosepBot.Core.Persistence;

/// <summary>
/// A one-time data step done on this database (e.g. filling the search's word index of rows written before it):
/// the persistence project's start-up runs each step it knows once, claiming its row in the step's own transaction.
/// </summary>
public sealed class DataStep
{
    public required string Name { get; set; }

    public DateTimeOffset DoneAt { get; set; }
}
