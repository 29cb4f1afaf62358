using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Attachments;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Downloads the files of a message: Teams' file.download.info (a pre-authorised downloadUrl) and inline
/// files with a contentUrl (the bot's token is sent only to the activity's own serviceUrl: same scheme, host and port). Cards and the
/// HTML copy of the text are not files. Sizes are capped at Attachments:MaxBytes.
/// </summary>
public sealed partial class ChatFileDownloader(
    IHttpClientFactory httpClients,
    BotTokenProvider tokens,
    IOptions<AttachmentOptions> attachmentOptions,
    ILogger<ChatFileDownloader> logger)
{
    public const string HttpClientName = "TeamsFiles";

    private static readonly Dictionary<string, string> TypesByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = "application/pdf",
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["gif"] = "image/gif",
        ["txt"] = "text/plain",
        ["doc"] = "application/msword",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xls"] = "application/vnd.ms-excel",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public async Task<(IReadOnlyList<ChatFile> Files, int Failed)> DownloadAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var files = new List<ChatFile>();
        var failed = 0;
        foreach (var attachment in activity.Attachments ?? [])
        {
            var (url, name, type) = Describe(attachment);
            if (url is null)
            {
                continue;
            }

            try
            {
                var content = await GetAsync(url, activity.ServiceUrl, attachment.ContentType == ActivityAttachment.TeamsFileDownloadInfo, cancellationToken);
                files.Add(new ChatFile(name, type, content));
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failed++;
                LogDownloadFailed(logger, e.GetType().Name);
            }
        }

        return (files, failed);
    }

    private static (Uri? Url, string Name, string ContentType) Describe(ActivityAttachment a)
    {
        var name = string.IsNullOrWhiteSpace(a.Name) ? "archivo" : a.Name;
        if (a.ContentType == ActivityAttachment.TeamsFileDownloadInfo)
        {
            var url = Activity.StringAt(a.Content, "downloadUrl");
            var extension = Activity.StringAt(a.Content, "fileType") ?? Path.GetExtension(name).TrimStart('.');
            return (Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null, name, TypesByExtension.GetValueOrDefault(extension, "application/octet-stream"));
        }

        if (a.ContentType is null || a.ContentType.StartsWith("application/vnd.microsoft.", StringComparison.OrdinalIgnoreCase)
            || a.ContentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) || a.ContentUrl is null)
        {
            return (null, name, string.Empty);
        }

        return (Uri.TryCreate(a.ContentUrl, UriKind.Absolute, out var content) ? content : null, name, a.ContentType);
    }

    private async Task<byte[]> GetAsync(Uri url, string? serviceUrl, bool preauthorised, CancellationToken cancellationToken)
    {
        // https only; plain http only on loopback (the Agents Playground, local mode). A file:// URL counts as loopback
        // for Uri, and HttpClient throws NotSupportedException on it, failing the whole turn: refuse it here instead.
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        {
            throw new InvalidOperationException("Only https file URLs (and http on loopback) are downloaded.");
        }

        var max = attachmentOptions.Value.MaxBytes;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!preauthorised && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service)
            && Uri.Compare(service, url, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0
            && await tokens.GetTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max + 1)
            {
                // Let Core refuse it with its own message about the size.
                buffer.Write(chunk, 0, read);
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A file sent in Teams could not be downloaded ({ErrorType})")]
    private static partial void LogDownloadFailed(ILogger logger, string errorType);
}
