using System.ComponentModel.DataAnnotations;

namespace SosepBot.Bot.Teams.BotConnector;

/// <summary>The Teams bot: its Azure Bot registration and how it talks to the Bot Connector. Section "Teams".</summary>
public sealed class BotConnectorOptions
{
    public const string SectionName = "Teams";

    /// <summary>The bot's Microsoft App ID (the audience of the channel's tokens). Empty turns the bot off unless the local mode is on.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret (environment variable or user secrets; never in the repository).</summary>
    public string? AppPassword { get; set; }

    /// <summary>Single-tenant bots: the tenant id. Empty: multi-tenant (authority botframework.com).</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// Accept activities without a token (Microsoft 365 Agents Playground). Only when explicitly enabled, and the
    /// service refuses to start with it unless it listens on loopback only.
    /// </summary>
    public bool AllowUnauthenticatedLocal { get; set; }

    [Required]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    [Required]
    public string ChannelIssuer { get; set; } = "https://api.botframework.com";

    [Required]
    public string LoginInstance { get; set; } = "https://login.microsoftonline.com/";

    [Required]
    public string Scope { get; set; } = "https://api.botframework.com/.default";

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Signing keys are fetched again after this long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An unknown key id refreshes the keys at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan KeyRefreshMinInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Turns processed at once (different conversations; one conversation is always in order).</summary>
    [Range(1, 256)]
    public int MaxConcurrentTurns { get; set; } = 8;

    /// <summary>Time a turn may take before the bot gives up on it (Teams waits 15 s for the HTTP answer of an invoke).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// An activity that failed this many times is dropped (with a logged error and an apology to the person). At least 2:
    /// the first attempt is counted when the activity is stored (no separate write), so with 1 an activity accepted just
    /// before a crash would count as tried and never be processed.
    /// </summary>
    [Range(2, 20, ErrorMessage = "Teams:MaxTurnAttempts must be between 2 and 20: the first attempt is counted when the activity is stored, so with 1 an activity accepted just before a crash would never be processed.")]
    public int MaxTurnAttempts { get; set; } = 3;

    /// <summary>
    /// The replies of a turn that changed something (a ticket opened, an action on a request) are written to the outbox
    /// in the turn's own transaction, due this long after it, and marked delivered once posted: if the service dies
    /// between the commit and the post, the outbox delivers them to the person's 1:1 chat then. Longer than the
    /// connector's retries of one reply can take (Retry-After is capped by Teams:Retry:MaxRetryAfter).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan ReplyEscrowDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// This process's name in the conversation leases shared by the instances on one database. Empty: the machine name,
    /// the process id and a random part, unique to each process. Two running instances must never share one.
    /// </summary>
    [MaxLength(SosepBot.Core.Teams.TeamsLimits.InstanceId, ErrorMessage = "Teams:InstanceId must be at most 100 characters.")]
    public string? InstanceId { get; set; }

    /// <summary>
    /// How long an instance keeps a conversation to itself before it must renew its lease (renewed, while the holder runs
    /// the conversation's turns, when half of it has passed); another instance takes over the conversation's waiting
    /// activities this long after a holder dies.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan ConversationLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an instance that found a conversation's lease taken tries again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan ConversationLeaseRetry { get; set; } = TimeSpan.FromMilliseconds(50);

    [Range(1, 10_485_760)]
    public int MaxActivityBytes { get; set; } = 262_144;

    public ConnectorRetryOptions Retry { get; set; } = new();

    /// <summary>Teams' limits per bot and conversation; 0 switches a window off (benchmarks only).</summary>
    public ConnectorRateLimitOptions RateLimit { get; set; } = new();

    public bool HasCredentials => !string.IsNullOrWhiteSpace(AppId);

    public bool Enabled => HasCredentials || AllowUnauthenticatedLocal;

    /// <summary>The MSAL authority: the tenant for single-tenant bots, botframework.com otherwise.</summary>
    public string Authority => $"{LoginInstance.TrimEnd('/')}/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId.Trim())}";
}
