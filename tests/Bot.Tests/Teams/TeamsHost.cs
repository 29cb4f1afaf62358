using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;
using SosepBot.Bot.Tests.Fakes;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Bot.Tests.Teams;

/// <summary>The real host with the Teams bot configured against a fake Bot Framework identity and a fake connector on loopback.</summary>
public sealed class TeamsHost : IAsyncDisposable
{
    public const string AppId = "sosep-bot-app-id";

    private readonly bool _ownsIdentity;
    private int _ids;

    private TeamsHost(FakeBotFrameworkIdentity identity, bool ownsIdentity, FakeBotConnector connector, SosepApiFactory factory)
    {
        Identity = identity;
        _ownsIdentity = ownsIdentity;
        Connector = connector;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public FakeBotFrameworkIdentity Identity { get; }

    public FakeBotConnector Connector { get; }

    public SosepApiFactory Factory { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// The host in memory, or with <paramref name="kestrel"/> on a real server on a free loopback port. With
    /// <paramref name="sharedIdentity"/> (instances of one deployment) it trusts that issuer, which the caller disposes;
    /// otherwise an issuer of its own.
    /// </summary>
    public static async Task<TeamsHost> StartAsync(
        IDictionary<string, string?>? settings = null, bool kestrel = false, Action<IServiceCollection>? services = null, FakeBotFrameworkIdentity? sharedIdentity = null)
    {
        var identity = sharedIdentity ?? await FakeBotFrameworkIdentity.StartAsync();
        var connector = await FakeBotConnector.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "secreto-de-prueba",
            ["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
            ["Teams:KeyRefreshMinInterval"] = "00:00:00",
            ["Teams:Retry:FirstDelay"] = "00:00:00.050",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var factory = new SosepApiFactory(all, s =>
        {
            s.AddSingleton<IMsalHttpClientFactory>(new RedirectingMsalHttpClientFactory(identity.BaseUrl));
            services?.Invoke(s);
        });
        if (kestrel)
        {
            factory.UseKestrel(0);
        }

        return new TeamsHost(identity, sharedIdentity is null, connector, factory);
    }

    public async Task<Person> PersonAsync(string name, string aadObjectId, params Role[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PeopleService>().UpsertAsync(new PersonInput
        {
            Email = SosepApiFactory.EmailOf(name),
            DisplayName = name,
            AadObjectId = aadObjectId,
            Roles = roles.Select(r => r.ToString()).ToList(),
        }, default);
    }

    public async Task<T> DbAsync<T>(Func<SosepDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SosepDbContext>());
    }

    public string NextId() => "act-" + Interlocked.Increment(ref _ids);

    /// <summary>A message from a user in their personal chat with the bot.</summary>
    public JsonObject Message(string aadObjectId, string text, string? id = null) => Activity("message", aadObjectId, id, a => a["text"] = text);

    /// <summary>An Action.Execute press: the invoke adaptiveCard/action.</summary>
    public JsonObject Execute(string aadObjectId, string verb, JsonObject data, string? id = null) => Activity("invoke", aadObjectId, id, a =>
    {
        data = data.Parent is null ? data : data.DeepClone().AsObject();
        data["verb"] = verb;
        a["name"] = "adaptiveCard/action";
        a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        a["replyToId"] = "tarjeta-1";
    });

    public JsonObject Activity(string type, string aadObjectId, string? id, Action<JsonObject>? fill = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id ?? NextId(),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = Connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:" + aadObjectId, ["name"] = "Usuario", ["aadObjectId"] = aadObjectId },
            ["conversation"] = new JsonObject { ["id"] = "a:conv-" + aadObjectId, ["conversationType"] = "personal", ["tenantId"] = "sosep-tenant" },
            ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "SosepBot" },
            ["locale"] = "es-GT",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "sosep-tenant" }, ["campoNuevoDeTeams"] = 42 },
        };
        fill?.Invoke(activity);
        return activity;
    }

    public string Token(string? serviceUrl = null) => Identity.Token(AppId, serviceUrl ?? Connector.ServiceUrl);

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = "valid", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token == "valid" ? Token() : token);
        }

        return await Client.SendAsync(request, cancellationToken);
    }

    /// <summary>Posts an invoke and returns the card it was answered with.</summary>
    public async Task<JsonObject> InvokeAsync(JsonObject activity)
    {
        var response = await PostAsync(activity);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        return body["value"]!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Connector.DisposeAsync();
        if (_ownsIdentity)
        {
            await Identity.DisposeAsync();
        }
    }
}
