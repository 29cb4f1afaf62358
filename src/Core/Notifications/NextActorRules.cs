using Microsoft.Extensions.Options;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Notifications;

/// <summary>The procedures' "who must act now" with the configured overrides applied (see <see cref="NextActors"/>).</summary>
public sealed class NextActorRules(ProcedureCatalog catalog, IOptions<NoticeOptions> options)
{
    private readonly Lazy<NextActorOverrides> _overrides = new(() => NextActorOverrides.Parse(options.Value.NextActors, catalog).Overrides);

    public NextActorOverrides Overrides => _overrides.Value;

    public IReadOnlyList<WaitingParty> For(Request request, string? parentState, IReadOnlyList<TesterRef>? testers = null, int openChildren = 0) =>
        NextActors.For(catalog.Get(request.ProcedureCode), request, parentState, _overrides.Value, testers, openChildren);
}

/// <summary>Refuses to start with an override naming an unknown procedure, state or party.</summary>
public sealed class NoticeOptionsValidator(ProcedureCatalog catalog) : IValidateOptions<NoticeOptions>
{
    public ValidateOptionsResult Validate(string? name, NoticeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = NextActorOverrides.Parse(options.NextActors, catalog).Errors;
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
