using SosepBot.Core.Procedures;

namespace SosepBot.Core.Tests.Docs;

/// <summary>docs/procedures is generated from the state machines; these tests fail when the two disagree.</summary>
public sealed class ProcedureDocsTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), ProcedureDocs.Folder);

    public static TheoryData<string> Files() => [.. ProcedureDocs.Render(new ProcedureCatalog()).Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public void Render_EachPage_MatchesTheCommittedDocs(string file)
    {
        var expected = ProcedureDocs.Render(new ProcedureCatalog())[file];
        var path = Path.Combine(Folder, file);

        Assert.True(File.Exists(path), $"{path} is missing: run `dotnet run --project src/Bot -- diagrams`.");
        Assert.True(expected == File.ReadAllText(path),
            $"{path} no longer matches the state machine: run `dotnet run --project src/Bot -- diagrams` and commit the result.");
    }

    [Fact]
    public void Render_DocsFolder_HasNoPageForAProcedureThatNoLongerExists()
    {
        var expected = ProcedureDocs.Render(new ProcedureCatalog()).Keys.ToHashSet();
        var stale = Directory.GetFiles(Folder, "*.md").Select(Path.GetFileName).Where(f => !expected.Contains(f!) && !ProcedureDocs.HandWritten.Contains(f!)).ToList();

        Assert.Empty(stale);
    }

    [Fact]
    public void Readme_WhoIsToldTable_MatchesTheStateMachines()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.Contains(ProcedureDocs.WhoIsToldStart, readme, StringComparison.Ordinal);
        Assert.True(readme == ProcedureDocs.WithWhoIsTold(readme, new ProcedureCatalog()),
            "README.md's who-is-told table no longer matches the state machines: run `dotnet run --project src/Bot -- diagrams` and commit the result.");
    }

    [Fact]
    public void HandWrittenPages_Exist()
    {
        foreach (var page in ProcedureDocs.HandWritten)
        {
            Assert.True(File.Exists(Path.Combine(Folder, page)), $"{page} is missing from {Folder}.");
        }
    }

    [Fact]
    public void Render_Bsosep_ShowsTheManualsOwnStateNames()
    {
        var page = ProcedureDocs.Render(new ProcedureCatalog())["DS-UI-08.md"];

        Assert.Contains("RECEPCIÓN", page, StringComparison.Ordinal);
        Assert.Contains("PROCESANDO", page, StringComparison.Ordinal);
        Assert.Contains("FINALIZADO", page, StringComparison.Ordinal);
        Assert.Contains("stateDiagram-v2", page, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SosepBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SosepBot.sln not found above " + AppContext.BaseDirectory);
    }
}
