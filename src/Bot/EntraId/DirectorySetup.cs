using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Teams.BotConnector;

namespace SosepBot.Bot.EntraId;

/// <summary>Registers the Entra ID roles sync (section "Directory"); it runs only when a group is mapped.</summary>
public static class DirectorySetup
{
    public static IServiceCollection AddSosepDirectory(this IServiceCollection services)
    {
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectoryOptions>, DirectoryOptionsValidator>());
        services.AddHttpClient(EntraDirectory.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);
        MsalHttpClientFactory.Register(services);
        services.TryAddSingleton<EntraDirectory>();
        services.TryAddSingleton<DirectorySyncService>();
        services.AddHostedService(sp => sp.GetRequiredService<DirectorySyncService>());
        return services;
    }
}
