using Microsoft.AspNetCore.Mvc.Filters;

namespace SosepBot.Web.Console;

/// <summary>
/// Every console page: only the service's own resources, never inside another site's frame (no clickjacking of its
/// forms), forms post only to the service, and a sign-in link's token never leaves in a Referer header.
/// </summary>
public sealed class SecurityHeaders : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
