using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Documents;
using SosepBot.Documents.Charts;
using SosepBot.Documents.Fonts;

namespace SosepBot.Documents;

/// <summary>Registers <see cref="IDocumentService"/> and the director's charts; the fonts are checked (and PDFsharp's resolver installed) at start.</summary>
public static class DocumentsServiceCollectionExtensions
{
    public static IServiceCollection AddSosepDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => InstallFonts(o), "Documents:FontFamily was not found in Documents:FontDirectories. Install Debian's fonts " +
                "(apt-get install fonts-liberation2 for \"Liberation Sans\", fonts-dejavu-core for \"DejaVu Sans\") or name a family and directory that exist.")
            .ValidateOnStart();
        services.TryAddScoped<DocumentService>();
        services.TryAddScoped<IDocumentService>(sp => sp.GetRequiredService<DocumentService>());
        services.TryAddSingleton<IDashboardCharts, DashboardCharts>();
        return services;
    }

    /// <summary>Finds the configured family and installs it as PDFsharp's font resolver; false when its files are missing.</summary>
    internal static bool InstallFonts(DocumentOptions options)
    {
        var files = FontFiles.Find(options.FontFamily, options.EffectiveFontDirectories);
        if (files is null)
        {
            return false;
        }

        PdfFonts.Install(files);
        return true;
    }
}
