namespace SosepBot.Core.Requests;

/// <summary>A request validated and numbered by <see cref="RequestService.StageOpenAsync"/>, with its "created" event, not saved yet.</summary>
public sealed record StagedRequest(Request Request, RequestEvent Created);
