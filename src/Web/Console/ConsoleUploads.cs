using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Requests;

namespace SosepBot.Web.Console;

/// <summary>
/// The one console address that takes files (a request's «Archivos» page): the host gives it a body limit of
/// <see cref="RequestFiles.MaxFilesAtOnce"/> files of <c>Attachments:MaxBytes</c>; every other page keeps the small default.
/// </summary>
public static class ConsoleUploads
{
    /// <summary>The route of Pages/Solicitudes/Archivos (its @page directive; a test keeps the two equal).</summary>
    public const string Route = "solicitudes/{numero}/archivos/{id:long?}";

    /// <summary>What a multipart form adds around the files (boundaries, headers, the kind and the anti-forgery token).</summary>
    public const long OverheadBytes = 64 * 1024;

    public static bool Takes(EndpointBuilder endpoint) =>
        endpoint is RouteEndpointBuilder route && string.Equals(route.RoutePattern.RawText?.Trim('/'), Route, StringComparison.Ordinal);

    /// <summary>Whether the request was routed to the upload page.</summary>
    public static bool Is(Endpoint? endpoint) =>
        endpoint is RouteEndpoint route && string.Equals(route.RoutePattern.RawText?.Trim('/'), Route, StringComparison.Ordinal);

    public static long BodyBytes(IServiceProvider services) =>
        (RequestFiles.MaxFilesAtOnce * services.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes) + OverheadBytes;
}
