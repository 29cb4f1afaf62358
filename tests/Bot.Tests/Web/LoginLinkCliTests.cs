using SosepBot.Bot.Cli;

namespace SosepBot.Bot.Tests.Web;

/// <summary><c>login-link --email CORREO</c> on a real SQLite file.</summary>
public sealed class LoginLinkCliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sosepbot-cli-login", Guid.NewGuid().ToString("N"));

    public LoginLinkCliTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task LoginLink_RegisteredPerson_PrintsALinkOnTheConsolesAddress()
    {
        Assert.Equal(0, (await Run("people", "add", "--email", "jefe@sosep.gob.gt", "--name", "Rosa Díaz", "--roles", "InfraHead")).Code);

        var run = await Run("login-link", "--email", "Jefe@sosep.gob.gt", "--Web:PublicUrl", "https://ayuda.sosep.gob.gt/");

        Assert.Equal(0, run.Code);
        Assert.Matches("^https://ayuda\\.sosep\\.gob\\.gt/entrar\\?t=[A-Za-z0-9_-]{43}$", run.Out.Trim());
        Assert.Contains("15 minutos", run.Err, StringComparison.Ordinal);
        Assert.NotEqual(run.Out.Trim(), (await Run("login-link", "--email", "jefe@sosep.gob.gt")).Out.Trim());
    }

    [Fact]
    public async Task LoginLink_UnknownPerson_IsRefusedInSpanish()
    {
        var run = await Run("login-link", "--email", "nadie@sosep.gob.gt");

        Assert.Equal(1, run.Code);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains("No hay ninguna persona registrada con el correo nadie@sosep.gob.gt", run.Err, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SosepCli.RunAsync(
            [.. args, "--Database:ConnectionString", $"Data Source={Path.Combine(_directory, "cli.db")}", "--Attachments:Directory", Path.Combine(_directory, "files")],
            stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
