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
/// ids), a message's raw MIME, the folders processed mail is moved to, and sendMail with a MIME body (so our Message-ID and loop headers survive).
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

    /// <summary>The id of the mail folder <paramref name="name"/> at the mailbox's top level, created when missing.</summary>
    public async Task<string> FolderIdAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var found = await Client.Users[User].MailFolders.GetAsync(r =>
        {
            r.QueryParameters.Filter = $"displayName eq '{name.Replace("'", "''", StringComparison.Ordinal)}'";
            r.QueryParameters.Select = ["id", "displayName"];
            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        }, cancellationToken);
        if (found?.Value?.FirstOrDefault()?.Id is { } id)
        {
            return id;
        }

        var created = await Client.Users[User].MailFolders.PostAsync(new MailFolder { DisplayName = name }, cancellationToken: cancellationToken);
        return created?.Id ?? throw new InvalidOperationException($"Graph did not create the mail folder {name}.");
    }

    /// <summary>Moves a message to a folder (its immutable id stays the same).</summary>
    public Task MoveAsync(string id, string folderId, CancellationToken cancellationToken) =>
        Client.Users[User].Messages[id].Move.PostAsync(
            new Microsoft.Graph.Users.Item.Messages.Item.Move.MovePostRequestBody { DestinationId = folderId },
            r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""), cancellationToken);

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
