using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SosepBot.Core.Scheduling;

/// <summary>Registers the business calendar.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BusinessCalendar"/> as a singleton with its options validated at start.
    /// The host binds the section, e.g.
    /// <c>services.AddBusinessCalendar().BindConfiguration(BusinessCalendarOptions.SectionName)</c>.
    /// </summary>
    public static OptionsBuilder<BusinessCalendarOptions> AddBusinessCalendar(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<BusinessCalendarOptions>, BusinessCalendarOptionsValidator>());
        services.TryAddSingleton<BusinessCalendar>();
        return services.AddOptions<BusinessCalendarOptions>()
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
