using SosepBot.Bot.Cli;

namespace SosepBot.Bot.Tests.Cli;

/// <summary>The administration command line, on a real SQLite file.</summary>
public sealed class SosepCliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sosepbot-cli", Guid.NewGuid().ToString("N"));

    public SosepCliTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PeopleAndKeys_AddGrantIssueList_Works()
    {
        Assert.Equal(0, (await Run("people", "add", "--email", "Tito@SOSEP.gob.gt", "--name", "Tito López", "--roles", "Técnico de Hardware y Software")).Code);
        Assert.Equal(0, (await Run("people", "grant", "--email", "tito@sosep.gob.gt", "--role", "InfraHead")).Code);
        var key = await Run("apikey", "issue", "--email", "tito@sosep.gob.gt");
        var list = await Run("people", "list");

        Assert.Equal(0, key.Code);
        Assert.Matches(@"^sk_[0-9a-f]{12}\.[A-Za-z0-9_-]{43}$", key.Out.Trim());
        Assert.Contains("no se vuelve a mostrar", key.Err, StringComparison.Ordinal);
        Assert.Contains("tito@sosep.gob.gt\tTito López\tactivo\tInfraHead, Technician", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeopleImport_File_UpsertsEveryone()
    {
        var file = Path.Combine(_directory, "people.json");
        await File.WriteAllTextAsync(file, """
            [
              { "email": "director@sosep.gob.gt", "displayName": "Director", "roles": ["ItDirector"] },
              { "email": "sede.peten@sosep.gob.gt", "displayName": "Sede Petén", "isDepartmentalSite": true, "unit": "Sede Petén" }
            ]
            """);

        var import = await Run("people", "import", file);
        var list = await Run("people", "list");

        Assert.Equal(0, import.Code);
        Assert.Contains("2 persona(s)", import.Out, StringComparison.Ordinal);
        Assert.Contains("director@sosep.gob.gt\tDirector\tactivo\tItDirector", list.Out, StringComparison.Ordinal);
        Assert.Contains("sede.peten@sosep.gob.gt", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Units_ImportListSetHeadContacts_AndABadFileChangesNothing()
    {
        Assert.Equal(0, (await Run("people", "add", "--email", "hugo@sosep.gob.gt", "--name", "Hugo Jefe", "--unit", "Sede Petén", "--departmental")).Code);
        Assert.Equal(0, (await Run("people", "add", "--email", "ana@sosep.gob.gt", "--name", "Ana Contacto")).Code);
        var file = Path.Combine(_directory, "units.json");
        await File.WriteAllTextAsync(file, """
            [
              { "name": "SEDE PETEN", "kind": "sede departamental", "department": "Petén", "headEmail": "hugo@sosep.gob.gt", "sharedMailbox": "sede.peten@sosep.gob.gt" },
              { "name": "Dirección Financiera", "department": "Guatemala", "contacts": ["ana@sosep.gob.gt"] }
            ]
            """);
        var bad = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(bad, """[ { "name": "Sede Zacapa", "department": "Zacapa" }, { "name": "Sede Jalapa", "department": "Jalisco" } ]""");

        var import = await Run("units", "import", file);
        var refused = await Run("units", "import", bad);
        var add = await Run("units", "add", "--name", "Sede Izabal", "--kind", "sede", "--department", "izabal");
        var head = await Run("units", "set-head", "--unit", "sede izabal", "--email", "ana@sosep.gob.gt");
        var contact = await Run("units", "add-contact", "--unit", "Dirección Financiera", "--email", "hugo@sosep.gob.gt");
        var list = await Run("units", "list");

        Assert.Equal(0, import.Code);
        Assert.Contains("1 unidad(es) creada(s) y 1 actualizada(s)", import.Out, StringComparison.Ordinal);
        Assert.Equal(1, refused.Code);
        Assert.Contains("Unidad n.º 2 (Sede Jalapa)", refused.Err, StringComparison.Ordinal);
        Assert.Contains("no es un departamento de Guatemala", refused.Err, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (add.Code, head.Code, contact.Code));
        Assert.Contains("SEDE PETEN\tsede departamental\tPetén\tjefe: hugo@sosep.gob.gt\tcontactos: -\tbuzón: sede.peten@sosep.gob.gt\t1 persona(s)", list.Out, StringComparison.Ordinal);
        Assert.Contains("Dirección Financiera\toficina central\tGuatemala\tjefe: -\tcontactos: ana@sosep.gob.gt, hugo@sosep.gob.gt", list.Out, StringComparison.Ordinal);
        Assert.Contains("Sede Izabal\tsede departamental\tIzabal\tjefe: ana@sosep.gob.gt", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Zacapa", list.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "people", "add", "--email", "x@sosep.gob.gt", "--name", "X", "--roles", "Mago" }, "El rol «Mago» no existe")]
    [InlineData(new[] { "people", "add", "--email", "no-es-correo", "--name", "X" }, "no es una dirección válida")]
    [InlineData(new[] { "people", "add", "--name", "X" }, "Falta la opción --email")]
    [InlineData(new[] { "apikey", "issue", "--email", "nadie@sosep.gob.gt" }, "No hay ninguna persona registrada")]
    public async Task Commands_BadInput_ExplainInSpanishAndChangeNothing(string[] args, string message)
    {
        var result = await Run(args);
        var list = await Run("people", "list");

        Assert.Equal(1, result.Code);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, list.Out.Trim());
    }

    [Fact]
    public async Task Backup_ToANewFolder_CopiesTheDatabase_AndNeverOverwritesOne()
    {
        Assert.Equal(0, (await Run("people", "add", "--email", "ana@sosep.gob.gt", "--name", "Ana Pérez")).Code);
        var folder = Path.Combine(_directory, "respaldo-1");

        var backup = await Run("backup", "--out", folder);
        var again = await Run("backup", "--out", folder);

        Assert.Equal(0, backup.Code);
        Assert.Contains($"Respaldo listo en {folder}", backup.Out, StringComparison.Ordinal);
        Assert.Contains("integridad verificada", backup.Out, StringComparison.Ordinal);
        await using (var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "sosepbot.db")};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var command = copy.CreateCommand();
            command.CommandText = "SELECT \"Email\" FROM \"People\"";
            Assert.Equal("ana@sosep.gob.gt", await command.ExecuteScalarAsync());
        }

        Assert.Equal(1, again.Code);
        Assert.Contains("ya existe y no está vacía", again.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("peple", 2)]
    [InlineData("jbos", 2)]
    [InlineData("--Teams:AllowUnauthenticatedLocal", null)]
    [InlineData("urls=http://127.0.0.1:3978", null)]
    [InlineData("people", null)]
    public async Task RefuseUnknown_TypoInsteadOfACommand_SaysSoInsteadOfStartingTheService(string first, int? expected)
    {
        using var stderr = new StringWriter();

        var code = await SosepCli.RefuseUnknownAsync([first, "list"], stderr);

        Assert.Equal(expected, code);
        if (expected is not null)
        {
            Assert.Contains($"No existe el comando «{first}». Los comandos son: people, units, apikey", stderr.ToString(), StringComparison.Ordinal);
        }
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] all =
        [
            .. args,
            "--Database:ConnectionString", $"Data Source={Path.Combine(_directory, "cli.db")}",
            "--Attachments:Directory", Path.Combine(_directory, "files"),
        ];
        var code = await SosepCli.RunAsync(all, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
