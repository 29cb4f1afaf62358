using SosepBot.Core.Procedures;

namespace SosepBot.Core.Tests.Procedures;

public sealed class ProcedureMermaidTests
{
    public static TheoryData<string> Codes() => [.. Engine.Catalog.All.Select(p => p.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Mermaid_Definition_NamesEveryStateAndAction(string code)
    {
        var definition = Engine.Definition(code);

        var diagram = ProcedureMachine.Mermaid(definition);

        Assert.StartsWith("stateDiagram-v2", diagram.TrimStart(), StringComparison.Ordinal);
        Assert.All(definition.States, s => Assert.Contains(s.Name, diagram, StringComparison.Ordinal));
        Assert.All(definition.Transitions, t => Assert.Contains(t.Action, diagram, StringComparison.Ordinal));
    }
}
