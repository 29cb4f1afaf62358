// Benchmark (run by hand, not by the tests): a dictamen técnico with 10 photos of ~3 MB each, as Excel and as PDF,
// through DocumentService (photos read from the attachment store, rendered, stored, recorded in the database).
//   dotnet run -c Release --project bench/Documents.Bench [-- runs]
// Target (issue 6): under 2 s for the dictamen.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using SosepBot.Core.Attachments;
using SosepBot.Core.Documents;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Documents;
using SosepBot.TestKit;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
const int photoCount = 10;
const int targetBytes = 3 * 1024 * 1024;

Console.WriteLine($"Making {photoCount} JPEG photos of about 3 MB (3264×2448)…");
var photos = Enumerable.Range(1, photoCount).Select(i => Photo(i)).ToList();
Console.WriteLine($"Photo sizes: {string.Join(", ", photos.Select(p => $"{p.Length / 1048576.0:0.00} MB"))}");

await using var db = await TestDatabase.CreateSqliteAsync(new Dictionary<string, string?> { ["Attachments:MaxBytes"] = (16 * 1024 * 1024).ToString(CultureInfo.InvariantCulture) });
var options = new DocumentOptions();
if (!DocumentsServiceCollectionExtensions.InstallFonts(options))
{
    Console.Error.WriteLine("Fonts missing: apt-get install fonts-liberation2");
    return 1;
}

var requester = await db.PersonAsync("Ana Pérez");
var head = await db.PersonAsync("Rosa Díaz", Role.InfraHead);
var technician = await db.PersonAsync("Tito López", Role.Technician);
var assistant = await db.PersonAsync("Lucía Martínez", Role.Assistant);
await db.PersonAsync("Tomás López", Role.ItDirector);

var excel = new List<double>();
var pdf = new List<double>();
var both = new List<double>();
for (var run = 0; run <= runs; run++)
{
    var number = await DictamenAsync();
    var started = Stopwatch.GetTimestamp();
    var x = await Generate(number, DocumentKind.DictamenExcel);
    var afterExcel = Stopwatch.GetTimestamp();
    var p = await Generate(number, DocumentKind.DictamenPdf);
    var ended = Stopwatch.GetTimestamp();
    var label = run == 0 ? "warm-up" : $"run {run}";
    Console.WriteLine($"{label}: Excel {Stopwatch.GetElapsedTime(started, afterExcel).TotalMilliseconds:0} ms ({x.Attachment.Size / 1048576.0:0.0} MB), " +
        $"PDF {Stopwatch.GetElapsedTime(afterExcel, ended).TotalMilliseconds:0} ms ({p.Attachment.Size / 1048576.0:0.0} MB), both {Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds:0} ms");
    if (run > 0)
    {
        excel.Add(Stopwatch.GetElapsedTime(started, afterExcel).TotalMilliseconds);
        pdf.Add(Stopwatch.GetElapsedTime(afterExcel, ended).TotalMilliseconds);
        both.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
    }
}

Console.WriteLine($"Median of {runs} runs: Excel {Median(excel):0} ms, PDF {Median(pdf):0} ms, Excel + PDF {Median(both):0} ms (target < 2000 ms)");
return Median(both) < 2000 ? 0 : 2;

async Task<string> DictamenAsync()
{
    var created = await db.Requests(r => r.Opening.OpenAsync(requester, new NewRequest { ProcedureCode = ProcedureCodes.DictamenTecnico, Title = "Dictamen de la computadora" }, CancellationToken.None));
    var n = created.Number;
    await db.Requests(r => r.Actions.FireAsync(head, n, "asignar", new ActionInput { AssigneeId = technician.PersonId }, CancellationToken.None));
    await db.Requests(r => r.Actions.FireAsync(technician, n, "revisar-equipo", ActionInput.None, CancellationToken.None));
    for (var i = 0; i < photos.Count; i++)
    {
        var data = photos[i];
        await db.Requests(r => r.Files.AttachAsync(technician, n, AttachmentKind.Fotografia, $"foto-{i + 1}.jpg", "image/jpeg", new MemoryStream(data), CancellationToken.None));
    }

    await db.Requests(r => r.Actions.FireAsync(technician, n, "enviar-a-elaboracion", new ActionInput
    {
        Equipment = new EquipmentData { Brand = "HP", Model = "ProDesk 400", Colour = "Negro", SerialNumber = "5CD1234", AssetNumber = "SOSEP-1", Findings = "No enciende.", Diagnosis = "Dar de baja." },
    }, CancellationToken.None));
    return n;
}

Task<GeneratedDocumentView> Generate(string number, DocumentKind kind) =>
    db.InScopeAsync(sp => ActivatorUtilities.CreateInstance<DocumentService>(sp, Microsoft.Extensions.Options.Options.Create(options))
        .GenerateAsync(assistant, number, kind, CancellationToken.None));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

// A photo-sized JPEG: a coloured scene with sensor-like noise, its quality chosen to land near 3 MB.
static byte[] Photo(int seed)
{
    const int width = 3264, height = 2448;
    var random = new Random(seed);
    using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
    var pixels = new byte[width * height * 4];
    for (var y = 0; y < height; y++)
    {
        for (var x = 0; x < width; x++)
        {
            var i = ((y * width) + x) * 4;
            var n = random.Next(-28, 29);
            pixels[i] = (byte)Math.Clamp((x * 255 / width) + n, 0, 255);
            pixels[i + 1] = (byte)Math.Clamp((y * 255 / height) + n, 0, 255);
            pixels[i + 2] = (byte)Math.Clamp(((x + y + (seed * 97)) % 255) + n, 0, 255);
            pixels[i + 3] = 255;
        }
    }

    System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
    byte[] best = [];
    foreach (var quality in new[] { 40, 50, 60, 70, 80, 90 })
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        best = data.ToArray();
        if (best.Length >= targetBytes)
        {
            break;
        }
    }

    return best;
}
