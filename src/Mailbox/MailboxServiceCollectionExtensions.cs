using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SosepBot.Core.Notifications;
using SosepBot.Mailbox.Graph;
using SosepBot.Mailbox.Imap;
using SosepBot.Mailbox.Ingestion;
using SosepBot.Mailbox.Outgoing;
using SosepBot.Mailbox.Parsing;
using SosepBot.Core.Scheduled;
using SosepBot.Mailbox.Quarantine;

namespace SosepBot.Mailbox;

/// <summary>Registers the mail channel. Without Mailbox:Transport the service runs without it (and mail reaches nobody).</summary>
public static class MailboxServiceCollectionExtensions
{
    public static IServiceCollection AddSosepMailbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        MailEncodings.Register();
        var section = configuration.GetSection(MailboxOptions.SectionName);
        services.AddOptions<MailboxOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailboxOptions>, MailboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MailReader>();
        services.TryAddScoped<MailIngestor>();
        services.TryAddScoped<QuarantineService>();
        services.AddScoped<IRecipientReach, MailRecipientReach>();

        var settings = section.Get<MailboxOptions>() ?? new MailboxOptions();
        if (settings.Transport != MailTransport.None)
        {
            services.AddScoped<IMailQuarantine, MailQuarantineCount>();
        }

        switch (settings.Transport)
        {
            case MailTransport.Imap:
                services.AddScoped<IOutboxSender, SmtpOutboxSender>();
                services.TryAddSingleton<ImapMailboxSync>();
                if (settings.Watch)
                {
                    services.AddHostedService<ImapMailboxWatcher>();
                }

                break;
            case MailTransport.Graph:
                services.AddHttpClient(nameof(ClientCredentialsTokenProvider));
                services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClientCredentialsTokenProvider>(
                    sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ClientCredentialsTokenProvider))));
                services.AddHttpClient(nameof(GraphMailClient));
                services.AddSingleton(sp => ActivatorUtilities.CreateInstance<GraphMailClient>(
                    sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(GraphMailClient))));
                services.AddScoped<IOutboxSender, GraphOutboxSender>();
                services.TryAddSingleton<GraphMailboxSync>();
                if (settings.Watch)
                {
                    services.AddHostedService<GraphMailboxWatcher>();
                }

                break;
        }

        return services;
    }
}
