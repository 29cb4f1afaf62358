using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Core.Scheduling;

namespace SosepBot.Bot.Api;

/// <summary>GET /api/procedures: the catalogue, open to anyone.</summary>
public static class ProceduresEndpoints
{
    public static IEndpointRouteBuilder MapProcedures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/procedures").AllowAnonymous().WithTags("Procedimientos");
        group.MapGet("/", (ProcedureCatalog catalog, TimeLimits limits) =>
            catalog.Procedures.Select(p => ProcedureInfo.From(p, catalog, limits.LimitFor)).ToList());
        group.MapGet("/{code}", (string code, ProcedureCatalog catalog, TimeLimits limits) =>
            ProcedureInfo.From(Find(catalog, code), catalog, limits.LimitFor));
        group.MapGet("/{code}/diagram", (string code, ProcedureCatalog catalog) =>
            Results.Text(ProcedureMachine.Mermaid(Find(catalog, code)), "text/plain; charset=utf-8"));
        return app;
    }

    private static ProcedureDefinition Find(ProcedureCatalog catalog, string code) =>
        catalog.Find(code) ?? throw new DomainException(ErrorKind.NotFound,
            ApiTexts.UnknownProcedure(code, catalog.All.Select(p => p.Code)));
}
