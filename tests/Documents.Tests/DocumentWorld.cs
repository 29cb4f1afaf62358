using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Attachments;
using SosepBot.Core.Documents;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Documents.Tests;

/// <summary>A migrated SQLite database with the people of the IT unit and the document service over it.</summary>
internal sealed class DocumentWorld : IAsyncDisposable
{
    private DocumentWorld(TestDatabase db) => Db = db;

    public TestDatabase Db { get; }

    public DocumentOptions Options { get; } = new();

    public Actor Requester { get; private set; } = null!;

    public Actor Technician { get; private set; } = null!;

    public Actor InfraHead { get; private set; } = null!;

    public Actor Assistant { get; private set; } = null!;

    public Actor Director { get; private set; } = null!;

    public Actor Outsider { get; private set; } = null!;

    public static async Task<DocumentWorld> CreateAsync()
    {
        var world = new DocumentWorld(await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Attachments:MaxBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.True(DocumentsServiceCollectionExtensions.InstallFonts(world.Options), "The PDF fonts are missing: install fonts-liberation2.");
        world.Requester = await world.Db.PersonAsync("Ana Pérez", Role.UnitDirector);
        world.Technician = await world.Db.PersonAsync("Tito López", Role.Technician);
        world.InfraHead = await world.Db.PersonAsync("Rosa Díaz", Role.InfraHead);
        world.Assistant = await world.Db.PersonAsync("Lucía Martínez", Role.Assistant);
        world.Director = await world.Db.PersonAsync("Tomás Aroldo López", Role.ItDirector);
        world.Outsider = await world.Db.PersonAsync("Otto Ajeno");
        return world;
    }

    public Task<T> Documents<T>(Func<IDocumentService, Task<T>> work) =>
        Db.InScopeAsync(sp => work(ActivatorUtilities.CreateInstance<DocumentService>(sp, Microsoft.Extensions.Options.Options.Create(Options))));

    public Task<GeneratedDocumentView> GenerateAsync(Actor actor, string number, DocumentKind kind) =>
        Documents(d => d.GenerateAsync(actor, number, kind, CancellationToken.None));

    public async Task<byte[]> ReadAsync(Actor actor, string number, DocumentKind kind, int? version = null)
    {
        var (_, content) = await Documents(d => d.OpenAsync(actor, number, kind, version, CancellationToken.None));
        await using (content)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }

    public Task<RequestDetails> FireAsync(Actor actor, string number, string action, ActionInput? input = null) =>
        Db.Requests(r => r.Actions.FireAsync(actor, number, action, input ?? ActionInput.None, CancellationToken.None));

    public static EquipmentData Equipment(string serial = "5CD1234XYZ") => new()
    {
        Kind = "Computadora de escritorio",
        Brand = "HP",
        Model = "ProDesk 400 G7",
        Colour = "Negro",
        SerialNumber = serial,
        AssetNumber = "SOSEP-INF-004512",
        Findings = "La fuente de poder no enciende; el disco duro presenta sectores dañados según la prueba SMART. Se limpió el interior del equipo.",
        Diagnosis = "Equipo sin reparación económica: se recomienda darlo de baja y devolverlo al Departamento de Inventarios.",
    };

    /// <summary>A DS-UI-05 request taken to "En elaboración" with the given photos (JPEG file names and bytes).</summary>
    public async Task<string> DictamenInElaborationAsync(IReadOnlyList<(string Name, byte[] Data)> photos, EquipmentData? equipment = null)
    {
        var created = await Db.Requests(r => r.Opening.OpenAsync(Requester, new NewRequest
        {
            ProcedureCode = ProcedureCodes.DictamenTecnico,
            Title = "Dictamen de la computadora de recepción",
            Description = "La computadora no enciende desde la semana pasada.",
        }, CancellationToken.None));
        var number = created.Summary.Number;
        await FireAsync(InfraHead, number, "asignar", new ActionInput { AssigneeId = Technician.PersonId });
        await FireAsync(Technician, number, "revisar-equipo");
        foreach (var (name, data) in photos)
        {
            await AttachAsync(Technician, number, AttachmentKind.Fotografia, name, name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg", data);
        }

        await FireAsync(Technician, number, "enviar-a-elaboracion", new ActionInput { Equipment = equipment ?? Equipment() });
        return number;
    }

    public Task<AttachmentView> AttachAsync(Actor actor, string number, AttachmentKind kind, string name, string type, byte[] data) =>
        Db.Requests(r => r.Files.AttachAsync(actor, number, kind, name, type, new MemoryStream(data), CancellationToken.None));

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}
