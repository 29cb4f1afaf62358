using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.MailFolders.Item.Messages.Delta;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using MimeKit;

namespace SosepBot.Mailbox.Graph;

/// <summary>
/// The few Graph calls the mailbox needs, with the Microsoft Graph SDK: the inbox's delta query (immutable
/// ids), a message's raw MIME, and sendMail with a MIME body (so our Message-ID and loop headers survive).
/// </summary>
public sealed class GraphMailClient(HttpClient http, ClientCredentialsTokenProvider tokens, IOptions<MailboxOptions> options)
{
    private GraphServiceClient? _client;

    private GraphMailOptions Graph => options.Value.Graph;

    private string User => Graph.User ?? options.Value.Address ?? throw new InvalidOperationException("Mailbox:Graph:User is not set.");

    private GraphServiceClient Client => _client ??= new GraphServiceClient(http, new BaseBearerTokenAuthenticationProvider(tokens), Graph.BaseUrl.ToString().TrimEnd('/'));

    /// <summary>One page of the delta query: from the start when <paramref name="link"/> is null, else from a nextLink or deltaLink.</summary>
    public async Task<DeltaPage> DeltaAsync(string? link, CancellationToken cancellationToken)
    {
        var builder = link is null
            ? Client.Users[User].MailFolders[Graph.Folder].Messages.Delta
            : new DeltaRequestBuilder(link, Client.RequestAdapter);
        var response = await builder.GetAsDeltaGetResponseAsync(r =>
        {
            if (link is null)
            {
                r.QueryParameters.Select = ["id", "internetMessageId", "receivedDateTime"];
            }

            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
            r.Headers.Add("Prefer", "odata.maxpagesize=100");
        }, cancellationToken) ?? throw new InvalidOperationException("Graph answered no delta page.");
        var ids = (response.Value ?? [])
            .Where(m => m.Id is not null && !(m.AdditionalData?.ContainsKey("@removed") ?? false))
            .Select(m => m.Id!).ToList();
        return new DeltaPage(ids, response.OdataNextLink, response.OdataDeltaLink);
    }

    public async Task<byte[]> RawAsync(string id, CancellationToken cancellationToken)
    {
        await using var stream = await Client.Users[User].Messages[id].Content.GetAsync(r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""), cancellationToken)
            ?? throw new InvalidOperationException("Graph answered no content.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Marks a processed message as read (a convenience for people looking at the mailbox; never relied on).</summary>
    public Task MarkReadAsync(string id, CancellationToken cancellationToken) =>
        Client.Users[User].Messages[id].PatchAsync(new Message { IsRead = true }, cancellationToken: cancellationToken);

    /// <summary>POST /users/{id}/sendMail with the MIME message base64-encoded (text/plain), as Graph documents.</summary>
    public async Task SendMimeAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw, cancellationToken);
        var base64 = Convert.ToBase64String(raw.GetBuffer(), 0, (int)raw.Length);
        var request = Client.Users[User].SendMail.ToPostRequestInformation(new Microsoft.Graph.Users.Item.SendMail.SendMailPostRequestBody());
        request.Headers.Remove("Content-Type");
        request.SetStreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(base64)), "text/plain");
        await Client.RequestAdapter.SendNoContentAsync(request, new Dictionary<string, ParsableFactory<IParsable>>
        {
            ["XXX"] = Microsoft.Graph.Models.ODataErrors.ODataError.CreateFromDiscriminatorValue,
        }, cancellationToken);
    }
}
