using Microsoft.Extensions.Options;
using SosepBot.Core.People;

namespace SosepBot.Bot.EntraId;

/// <summary>Reads the mapped Entra ID groups at start and every Directory:Interval, and applies them to people and roles.</summary>
public sealed partial class DirectorySyncService(
    IServiceScopeFactory scopes, EntraDirectory directory, IOptions<DirectoryOptions> options, TimeProvider time, ILogger<DirectorySyncService> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>One read and apply (also the command line's <c>people sync-directory</c>); runs of this process never overlap.</summary>
    public async Task<DirectorySyncResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var members = await directory.MembersAsync(cancellationToken);
            var managed = options.Value.Groups.Values.Select(r => RoleNames.TryParse(r, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet();
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DirectorySync>().ApplyAsync(members, managed, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Nothing was applied: the groups are read in full before anything changes.
                if (Core.Errors.NetworkFailure.IsExpected(e, x => x is Microsoft.Kiota.Abstractions.ApiException { ResponseStatusCode: 0 or 408 or 429 or >= 500 }
                    or Microsoft.Identity.Client.MsalServiceException { StatusCode: 0 or 408 or 429 or >= 500 }))
                {
                    LogUnreachable(logger, Core.Errors.NetworkFailure.Cause(e));
                }
                else
                {
                    LogFailed(logger, e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory sync: Microsoft Graph unavailable ({Cause}); people and roles were left as they were")]
    private static partial void LogUnreachable(ILogger logger, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Directory sync failed; people and roles were left as they were")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
