using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SosepBot.Core.Persistence;
using SosepBot.Persistence;
using Yarp.ReverseProxy.Configuration;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>
/// Several real service processes (<see cref="BotProcess"/>) on one database, behind a YARP reverse proxy on loopback
/// that spreads requests round-robin over the instances it finds healthy (GET /health every second).
/// </summary>
public sealed class InstanceCluster : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _database;
    private readonly string _directory;
    private readonly ServiceProvider _db;
    private WebApplication? _proxy;

    private InstanceCluster(IReadOnlyDictionary<string, string?> database, string directory, int count)
    {
        _database = database;
        _directory = directory;
        var attachments = Path.Combine(directory, "attachments");
        Instances = Enumerable.Range(0, count).Select(_ => new BotProcess(database, attachments)).ToList();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(database) { ["Database:MigrateOnStart"] = "false" }).Build();
        _db = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSosepPersistence().BuildServiceProvider();
    }

    public IReadOnlyList<BotProcess> Instances { get; }

    /// <summary>The proxy's base address ("http://127.0.0.1:port").</summary>
    public string ProxyUrl { get; private set; } = string.Empty;

    /// <summary>A fresh database of this run's engine and <paramref name="count"/> instances on it, not started yet.</summary>
    public static async Task<InstanceCluster> CreateAsync(int count)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-instances", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new InstanceCluster(await TestKit.TestServerDatabases.NewAsync(directory), directory, count);
    }

    /// <summary>Starts every instance at the same time (as a deployment would), then the proxy in front of them.</summary>
    public async Task StartAsync(params string[] settings)
    {
        await Task.WhenAll(Instances.Select(i => i.StartAsync(settings)));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
        [
            // Everything relayed as nginx would (the Teams activities too: they carry the channel's signed tokens).
            new RouteConfig { RouteId = "all", ClusterId = "sosepbot", Match = new RouteMatch { Path = "{**rest}" } },
        ],
        [
            new ClusterConfig
            {
                ClusterId = "sosepbot",
                LoadBalancingPolicy = "RoundRobin",
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(1), Policy = "ConsecutiveFailures", Path = "/health" },
                },
                Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" },
                Destinations = Instances.Select((instance, i) => (instance, i))
                    .ToDictionary(x => $"instance-{x.i}", x => new DestinationConfig { Address = $"http://127.0.0.1:{x.instance.Port}/" }),
            },
        ]);
        _proxy = builder.Build();
        _proxy.MapReverseProxy();
        await _proxy.StartAsync();
        ProxyUrl = _proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>Reads the shared database directly.</summary>
    public async Task<T> DbAsync<T>(Func<SosepDbContext, Task<T>> work)
    {
        await using var scope = _db.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SosepDbContext>());
    }

    /// <summary>What every instance printed, for a failure's message.</summary>
    public string Output => string.Join("\n", Instances.Select((instance, i) => $"--- instance {i} ---\n{instance.Output}"));

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }

        await _db.DisposeAsync();
        await TestKit.TestServerDatabases.DropAsync(_database);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left to the temp cleaner
        }
    }
}
