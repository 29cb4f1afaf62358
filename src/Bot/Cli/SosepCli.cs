using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SosepBot.Bot.EntraId;
using SosepBot.Bot.Hosting;
using SosepBot.Core;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Jobs.Hosting;
using SosepBot.Core.Units;
using SosepBot.Persistence;

namespace SosepBot.Bot.Cli;

/// <summary>
/// Administration from the command line, on the same configuration and database as the service:
/// <c>scripts/sosep people add --email … --name … --roles Technician</c>.
/// </summary>
public static class SosepCli
{
    private static readonly JsonSerializerOptions ImportJson = new(JsonSerializerDefaults.Web);

    private static readonly string[] Commands = ["people", "units", "apikey", "diagrams", "migrate", "backup", "jobs", "teams-manifest", LoginLinkCommand.Name, "help", "--help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A first word that is neither a command nor a setting (<c>--Key value</c>, <c>Key=value</c>) is a typo: say so, with
    /// the usage (exit 2), instead of starting the whole service. With <paramref name="commandsOnly"/> (scripts/sosep),
    /// anything but a command is refused, settings or nothing at all included: the command line never starts the service.
    /// Returns null when the arguments are fine.
    /// </summary>
    public static async Task<int?> RefuseUnknownAsync(string[] args, TextWriter? error = null, bool commandsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (IsCommand(args) || (!commandsOnly && (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('=', StringComparison.Ordinal))))
        {
            return null;
        }

        var commands = string.Join(", ", Commands.Where(c => !c.StartsWith('-')));
        var problem = args.Length == 0 ? "Indique un comando." : $"No existe el comando «{args[0]}».";
        var service = commandsOnly ? "El servicio se inicia con scripts/run.sh." : "Sin comando, el servicio arranca (la configuración va como --Clave valor).";
        await (error ?? Console.Error).WriteLineAsync($"{problem} Los comandos son: {commands}. {service}{Environment.NewLine}{Usage}");
        return 2;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var stdout = output ?? Console.Out;
        var stderr = error ?? Console.Error;
        var command = args[0].ToLowerInvariant();
        if (command is "help" or "--help")
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }

        var parsed = CliArguments.Parse(args.Skip(1));
        if (command == "diagrams")
        {
            return await WriteDiagramsAsync(parsed.Option("out") ?? DefaultDocsFolder(), stdout);
        }

        if (command == "teams-manifest")
        {
            return await Teams.Manifest.TeamsManifestCommand.RunAsync(parsed, stdout, stderr);
        }

        var jobs = command == "jobs";
        if (jobs && JobsCommand.Refuse(parsed, stderr) is { } refused)
        {
            return refused;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. parsed.ConfigurationArgs],
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The command's output is its stdout (a key, a list); logs go to stderr, warnings and worse only.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        if (jobs)
        {
            // A job reaches people through the service's channels and reads its mailboxes' quarantine: the whole wiring.
            builder.Services.AddSosepHost(builder.Configuration);
        }
        else
        {
            builder.Services.AddSosepCore();
            builder.Services.AddSosepPersistence();
        }

        if (command == LoginLinkCommand.Name)
        {
            LoginLinkCommand.Register(builder.Services);
        }

        var syncDirectory = command == "people" && parsed.Verb == "sync-directory";
        if (syncDirectory)
        {
            builder.Services.AddSosepDirectory();
        }

        using var host = builder.Build();
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            if (command == "migrate")
            {
                await stdout.WriteLineAsync("Base de datos al día.");
                return 0;
            }

            if (syncDirectory)
            {
                return await SyncDirectoryAsync(host.Services, stdout, stderr);
            }

            if (command == "backup")
            {
                return await BackupAsync(host.Services, parsed, stdout);
            }

            if (jobs)
            {
                return await JobsCommand.RunAsync(host.Services, parsed, stdout, stderr);
            }

            await using var scope = host.Services.CreateAsyncScope();
            var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
            return command switch
            {
                "people" => await PeopleAsync(people, parsed, stdout, stderr),
                "units" => await UnitsAsync(scope.ServiceProvider.GetRequiredService<UnitService>(), parsed, stdout, stderr),
                "apikey" => await ApiKeyAsync(people, parsed, stdout, stderr),
                LoginLinkCommand.Name => await LoginLinkCommand.RunAsync(scope.ServiceProvider, parsed, stdout, stderr),
                _ => Fail(stderr, Usage),
            };
        }
        catch (DomainException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (OptionsValidationException e)
        {
            await stderr.WriteLineAsync("Configuración no válida: " + string.Join("; ", e.Failures));
            return 2;
        }
    }

    /// <summary>A consistent copy of the embedded database and its files, taken while the service runs.</summary>
    private static async Task<int> BackupAsync(IServiceProvider services, CliArguments a, TextWriter stdout)
    {
        var folder = a.Option("out") ?? Path.Combine("respaldos", $"sosepbot-{DateTime.Now:yyyyMMdd-HHmmss}");
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().CreateAsync(folder, CancellationToken.None);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Respaldo listo en {result.Directory}: la base de datos ({result.Requests} solicitud(es); integridad verificada) y {result.Files} archivo(s) adjunto(s), {result.FileBytes:N0} bytes."));
        return 0;
    }

    private static async Task<int> PeopleAsync(PeopleService people, CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        switch (a.Verb)
        {
            case "list":
                foreach (var p in await people.ListAsync(CancellationToken.None))
                {
                    var roles = string.Join(", ", p.Roles.Select(r => r.Role.ToString()).Order());
                    await stdout.WriteLineAsync($"{p.Email}\t{p.DisplayName}\t{(p.IsActive ? "activo" : "inactivo")}\t{roles}");
                }

                return 0;
            case "add":
                var person = await people.UpsertAsync(new PersonInput
                {
                    Email = a.Require("email"),
                    DisplayName = a.Require("name"),
                    Unit = a.Option("unit"),
                    IsDepartmentalSite = a.Flag("departmental"),
                    AadObjectId = a.Option("aad"),
                    Roles = (a.Option("roles") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                }, CancellationToken.None);
                await stdout.WriteLineAsync($"{person.Email}: {string.Join(", ", person.Roles.Select(r => r.Role.ToSpanish()))}");
                return 0;
            case "grant":
            case "revoke":
                var changed = await people.ChangeRoleAsync(a.Require("email"), a.Require("role"), a.Verb == "grant", CancellationToken.None);
                await stdout.WriteLineAsync($"{changed.Email}: {string.Join(", ", changed.Roles.Select(r => r.Role.ToSpanish()))}");
                return 0;
            case "notices":
                var who = await people.FindByEmailAsync(a.Require("email"), CancellationToken.None)
                    ?? throw new DomainException(ErrorKind.NotFound, PeopleTexts.NobodyWithEmail(a.Require("email")));
                var set = await people.SetNoticesAsync(who.Id, a.Require("mode"), CancellationToken.None);
                await stdout.WriteLineAsync($"{set.Email}: avisos {set.Notices.ToSpanish()} — {set.Notices.Describe()}.");
                return 0;
            case "deactivate":
                await people.DeactivateAsync(a.Require("email"), CancellationToken.None);
                await stdout.WriteLineAsync("Persona desactivada y sus claves revocadas.");
                return 0;
            case "import":
                var file = a.Positional.FirstOrDefault() ?? a.Require("file");
                await using (var stream = File.OpenRead(file))
                {
                    var list = await JsonSerializer.DeserializeAsync<List<PersonInput>>(stream, ImportJson)
                        ?? throw new DomainException(ErrorKind.Invalid, CliTexts.NotAPeopleList(file));
                    foreach (var input in list)
                    {
                        await people.UpsertAsync(input, CancellationToken.None);
                    }

                    await stdout.WriteLineAsync($"{list.Count} persona(s) importada(s) de {file}.");
                }

                return 0;
            default:
                return Fail(stderr, Usage);
        }
    }

    private static async Task<int> UnitsAsync(UnitService units, CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        UnitView changed;
        switch (a.Verb)
        {
            case "list":
                foreach (var u in await units.ListAsync(CancellationToken.None))
                {
                    var contacts = string.Join(", ", u.Contacts.Select(c => c.Email));
                    await stdout.WriteLineAsync(
                        $"{u.Id}\t{u.Name}\t{u.KindName}\t{u.Department ?? "(sin departamento)"}\tjefe: {u.Head?.Email ?? "-"}\tcontactos: {(contacts.Length == 0 ? "-" : contacts)}\tbuzón: {u.SharedMailbox ?? "-"}\t{u.People} persona(s)");
                }

                return 0;
            case "add":
                changed = await units.CreateAsync(new UnitInput
                {
                    Name = a.Require("name"),
                    Kind = a.Option("kind"),
                    Department = a.Option("department"),
                    HeadEmail = a.Option("head"),
                    Contacts = a.Option("contacts")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    SharedMailbox = a.Option("mailbox"),
                }, CancellationToken.None);
                break;
            case "set":
                changed = await units.UpdateAsync(await units.IdOfAsync(a.Require("unit"), CancellationToken.None), new UnitInput
                {
                    Name = a.Option("name"),
                    Kind = a.Option("kind"),
                    Department = a.Option("department"),
                    SharedMailbox = a.Option("mailbox"),
                }, CancellationToken.None);
                break;
            case "set-head":
                changed = await units.SetHeadAsync(a.Require("unit"), a.Flag("none") ? null : a.Require("email"), CancellationToken.None);
                break;
            case "add-contact":
                changed = await units.AddContactAsync(a.Require("unit"), a.Require("email"), CancellationToken.None);
                break;
            case "remove-contact":
                changed = await units.RemoveContactAsync(a.Require("unit"), a.Require("email"), CancellationToken.None);
                break;
            case "import":
                var file = a.Positional.FirstOrDefault() ?? a.Require("file");
                List<UnitInput>? list;
                try
                {
                    await using var stream = File.OpenRead(file);
                    list = await JsonSerializer.DeserializeAsync<List<UnitInput>>(stream, ImportJson);
                }
                catch (JsonException e)
                {
                    throw new DomainException(ErrorKind.Invalid, CliTexts.NotAUnitsJson(file, e.LineNumber + 1));
                }

                if (list is null)
                {
                    throw new DomainException(ErrorKind.Invalid, CliTexts.NotAUnitsList(file));
                }

                var (created, updated, linked) = await units.ImportAsync(list, CancellationToken.None);
                await stdout.WriteLineAsync($"{created} unidad(es) creada(s) y {updated} actualizada(s) de {file}; {linked} persona(s) vinculada(s) a su unidad.");
                return 0;
            case "link":
                var count = await units.LinkPeopleAsync(a.Flag("create"), CancellationToken.None);
                await stdout.WriteLineAsync($"{count} persona(s) vinculada(s) a su unidad.");
                return 0;
            default:
                return Fail(stderr, Usage);
        }

        await stdout.WriteLineAsync(
            $"{changed.Id}\t{changed.Name}\t{changed.KindName}\t{changed.Department}\tjefe: {changed.Head?.Email ?? "-"}\tcontactos: {string.Join(", ", changed.Contacts.Select(c => c.Email))}");
        return 0;
    }

    private static async Task<int> ApiKeyAsync(PeopleService people, CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        switch (a.Verb)
        {
            case "issue":
                var issued = await people.IssueApiKeyAsync(a.Require("email"), a.Option("label"), CancellationToken.None);
                await stdout.WriteLineAsync(issued.Key);
                await stderr.WriteLineAsync($"Clave {issued.Prefix} emitida para {issued.Email}. Guárdela ahora: no se vuelve a mostrar.");
                return 0;
            case "revoke":
                var revoked = await people.RevokeApiKeyAsync(a.Require("prefix"), CancellationToken.None);
                await stdout.WriteLineAsync(revoked ? "Clave revocada." : "No hay ninguna clave activa con ese prefijo.");
                return revoked ? 0 : 1;
            default:
                return Fail(stderr, Usage);
        }
    }

    private static async Task<int> WriteDiagramsAsync(string folder, TextWriter stdout)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, content) in ProcedureDocs.Render(new ProcedureCatalog()))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), content);
        }

        await stdout.WriteLineAsync($"Diagramas escritos en {Path.GetFullPath(folder)}.");
        var readme = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(folder)))!, "README.md");
        if (File.Exists(readme))
        {
            var text = await File.ReadAllTextAsync(readme);
            var updated = ProcedureDocs.WithWhoIsTold(text, new ProcedureCatalog());
            if (updated != text)
            {
                await File.WriteAllTextAsync(readme, updated);
                await stdout.WriteLineAsync($"Tabla «quién recibe aviso» actualizada en {readme}.");
            }
        }

        return 0;
    }

    /// <summary>docs/procedures of the checkout the command runs in (found by walking up to SosepBot.sln).</summary>
    private static string DefaultDocsFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SosepBot.sln")))
            {
                return Path.Combine(dir.FullName, ProcedureDocs.Folder);
            }
        }

        return ProcedureDocs.Folder;
    }

    /// <summary>Reads the mapped Entra ID groups now and applies them (what the service does every Directory:Interval).</summary>
    private static async Task<int> SyncDirectoryAsync(IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (!services.GetRequiredService<IOptions<DirectoryOptions>>().Value.Enabled)
        {
            return Fail(stderr, "No hay grupos de Entra ID configurados (Directory:Groups); nada que sincronizar.");
        }

        var r = await services.GetRequiredService<DirectorySyncService>().RunOnceAsync(CancellationToken.None);
        await stdout.WriteLineAsync(
            $"Directorio sincronizado: {r.Created} registrada(s), {r.Updated} actualizada(s), {r.Granted} rol(es) otorgado(s), {r.Revoked} retirado(s), {r.Deactivated} desactivada(s), {r.Skipped} sin correo.");
        return 0;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return 64;
    }

    private static readonly string Usage = $$"""
        Uso: scripts/sosep <comando>   (o dotnet run --project src/Bot -c Release -- <comando>)
          people list
          people add --email CORREO --name "NOMBRE" [--roles Rol1,Rol2] [--unit UNIDAD] [--departmental] [--aad OBJECT-ID]
          people grant --email CORREO --role ROL
          people revoke --email CORREO --role ROL
          people deactivate --email CORREO
          people notices --email CORREO --mode inmediatos|solo-resumen   (cómo le llegan los avisos de lo que espera por la persona)
          people import ARCHIVO.json        (lista de {email, displayName, unit, isDepartmentalSite, aadObjectId, roles})
          people sync-directory             (roles desde los grupos de Entra ID de Directory:Groups, ahora)
          units list
          units add --name "NOMBRE" --department DEPARTAMENTO [--kind "oficina central"|"sede departamental"] [--head CORREO]
                    [--contacts CORREO1,CORREO2] [--mailbox BUZÓN]
          units set --unit UNIDAD [--name "NOMBRE"] [--kind TIPO] [--department DEPARTAMENTO] [--mailbox BUZÓN|""]
          units set-head --unit UNIDAD (--email CORREO | --none)
          units add-contact --unit UNIDAD --email CORREO
          units remove-contact --unit UNIDAD --email CORREO
          units import ARCHIVO.json         (lista de {name, kind, department, headEmail, contacts, sharedMailbox}; todo o nada)
          units link [--create]             (vincula a su unidad a quienes tienen una unidad escrita; --create registra las que falten)
                                            (UNIDAD: su número o su nombre, sin importar mayúsculas ni tildes)
          apikey issue --email CORREO [--label ETIQUETA]   (imprime la clave una sola vez)
          apikey revoke --prefix sk_xxxxxxxxxxxx
          login-link --email CORREO         (imprime un enlace de acceso a la consola web: vale 15 minutos y sirve una vez)
          diagrams [--out docs/procedures]
          teams-manifest [--out sosepbot.zip] [--app-id GUID] [--version 1.0.0] [--website https://…]   (paquete de la app de Teams)
          migrate
          jobs list                         (tareas programadas: horario cron, última ejecución, último envío del resumen)
          jobs run NOMBRE [--reenviar]      (ejecuta una tarea ahora e informa qué hizo; el servicio entrega lo que encole)
                                            NOMBRE: {{ScheduledJobs.Names}}.
                                            El resumen de hoy se envía una vez; --reenviar lo envía de nuevo.
          backup [--out CARPETA]            (copia consistente de la base SQLite y de sus archivos, con el servicio en marcha;
                                             por omisión respaldos/sosepbot-AAAAMMDD-hhmmss)
        Roles: UnitDirector, Despacho, Assistant, ItDirector, InfraHead, Technician, SiteTechnician,
               DevHead, Developer, Dba, ServerAdmin, Inventory, Administrator (o su nombre en español).
        Configuración: las mismas opciones que el servicio, p. ej. --Database:ConnectionString "Data Source=..."
        """;
}
