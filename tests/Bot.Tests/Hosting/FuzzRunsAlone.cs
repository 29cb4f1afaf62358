namespace SosepBot.Bot.Tests.Hosting;

/// <summary>The fuzz run alone, not beside the other test classes: its time budget is its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzRunsAlone
{
    public const string Name = "Fuzz, alone";
}
