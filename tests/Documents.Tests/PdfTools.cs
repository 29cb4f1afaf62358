using System.Diagnostics;

namespace SosepBot.Documents.Tests;

/// <summary>poppler-utils (installed by scripts/test-env/20-documents.sh): the text and page count of a PDF, and PNG renders.</summary>
internal static class PdfTools
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var file = await SaveAsync(pdf, ".pdf");
        try
        {
            return await RunAsync("pdftotext", "-layout", "-enc", "UTF-8", file, "-");
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<int> PagesAsync(byte[] pdf)
    {
        var file = await SaveAsync(pdf, ".pdf");
        try
        {
            var info = await RunAsync("pdfinfo", file);
            var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>One page of the PDF as a PNG (poppler's pdftoppm at 60 dpi).</summary>
    public static async Task<byte[]> RenderPageAsync(byte[] pdf, int page)
    {
        var file = await SaveAsync(pdf, ".pdf");
        var prefix = Path.ChangeExtension(file, null);
        try
        {
            var number = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await RunAsync("pdftoppm", "-png", "-r", "60", "-singlefile", "-f", number, "-l", number, file, prefix);
            return await File.ReadAllBytesAsync(prefix + ".png");
        }
        finally
        {
            File.Delete(file);
            File.Delete(prefix + ".png");
        }
    }

    /// <summary>When SOSEPBOT_TEST_RUN_DIR is set, keeps the document (and PNG pages of a PDF) under documents/ to be looked at.</summary>
    public static async Task KeepAsync(string name, byte[] content)
    {
        var root = Environment.GetEnvironmentVariable("SOSEPBOT_TEST_RUN_DIR");
        if (string.IsNullOrEmpty(root))
        {
            return;
        }

        var dir = Path.Combine(root, "documents");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        await File.WriteAllBytesAsync(path, content);
        if (path.EndsWith(".pdf", StringComparison.Ordinal))
        {
            await RunAsync("pdftoppm", "-png", "-r", "60", path, Path.ChangeExtension(path, null));
        }
    }

    private static async Task<string> SaveAsync(byte[] content, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sosep-doc-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(file, content);
        return file;
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing: install poppler-utils (scripts/test-env/20-documents.sh does).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
            }

            return await output;
        }
    }
}
