using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;

namespace SosepBot.Core;

/// <summary>
/// Registers the domain: procedures, requests, people, calendar. Options are validated at start. The database
/// (<see cref="SosepDbContext"/>) comes from the persistence project's <c>AddSosepPersistence</c>.
/// </summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddSosepCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProcedureCatalog>();

        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.AllowedContentTypes.TrueForAll(t => t.Contains('/', StringComparison.Ordinal)),
                "Attachments:AllowedContentTypes must hold content types such as application/pdf.")
            .ValidateOnStart();
        services.AddBusinessCalendar().BindConfiguration(BusinessCalendarOptions.SectionName);
        services.AddOptions<TimeLimitOptions>().BindConfiguration(TimeLimitOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TimeLimitOptions>, TimeLimitOptionsValidator>());
        services.TryAddSingleton<TimeLimits>();

        services.TryAddSingleton<IAttachmentStore, FileAttachmentStore>();
        services.TryAddScoped<PeopleService>();
        services.TryAddScoped<SignIn.LoginLinkService>();
        services.TryAddScoped<WaitingWork>();
        services.TryAddSingleton<RequestRecords>();
        services.TryAddScoped<RequestVisibility>();
        services.TryAddScoped<RequestQueries>();
        services.TryAddScoped<RequestOpening>();
        services.TryAddScoped<RequestActions>();
        services.TryAddScoped<RequestFiles>();
        services.TryAddScoped<Dashboard.DirectorDashboard>();
        services.TryAddScoped<AttachmentSweeper>();
        services.AddOptions<Privacy.RetentionOptions>().BindConfiguration(Privacy.RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddScoped<Privacy.ChannelContentSweeper>();
        services.TryAddScoped<DirectorySync>();
        services.TryAddScoped<Units.UnitService>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.FirstDelay > TimeSpan.Zero && o.MaxDelay >= o.FirstDelay, "Outbox:FirstDelay must be positive and Outbox:MaxDelay at least as long.")
            .ValidateOnStart();
        services.AddOptions<NoticeOptions>().BindConfiguration(NoticeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NoticeOptions>, NoticeOptionsValidator>());
        services.TryAddSingleton<NextActorRules>();
        services.TryAddScoped<RecipientChannels>();
        services.TryAddScoped<ChannelWaitingRoom>();
        services.TryAddScoped<OutboxDispatcher>();
        services.TryAddScoped<RequestNotifier>();
        services.TryAddScoped<DeadLetters>();
        return services;
    }
}
