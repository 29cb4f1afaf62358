using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Requests;

namespace SosepBot.TestKit;

/// <summary>The request services of one DI scope, as a channel holds them.</summary>
public sealed record RequestServices(RequestQueries Queries, RequestOpening Opening, RequestActions Actions, RequestFiles Files)
{
    public static RequestServices From(IServiceProvider services) => new(
        services.GetRequiredService<RequestQueries>(),
        services.GetRequiredService<RequestOpening>(),
        services.GetRequiredService<RequestActions>(),
        services.GetRequiredService<RequestFiles>());
}
