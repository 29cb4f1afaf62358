using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using SosepBot.Core.People;
using SosepBot.Core.SignIn;

namespace SosepBot.Bot.Auth;

/// <summary>API keys by default; Entra ID bearer tokens where configured. Challenges answer with a Spanish ProblemDetails.</summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddSosepAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SosepAuthenticationOptions.SectionName).Get<SosepAuthenticationOptions>() ?? new();
        services.AddOptions<SosepAuthenticationOptions>().BindConfiguration(SosepAuthenticationOptions.SectionName)
            .Validate(o => !o.EntraId.Enabled || !string.IsNullOrWhiteSpace(o.EntraId.Audience),
                "Authentication:EntraId:Audience is required when Authentication:EntraId:TenantId is set.")
            .Validate(o => o.ApiKeys || o.EntraId.Enabled,
                "Authentication: turn on Authentication:ApiKeys or configure Authentication:EntraId:TenantId, or nobody can use the API.")
            .ValidateOnStart();

        var builder = services.AddAuthentication(SosepClaims.SelectorScheme)
            .AddPolicyScheme(SosepClaims.SelectorScheme, "API key or bearer token", o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(SosepClaims.ApiKeyHeader) || !options.EntraId.Enabled
                        ? SosepClaims.ApiKeyScheme
                        : JwtBearerDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SosepClaims.ApiKeyScheme, o =>
            {
                o.ForwardChallenge = null;
            });

        if (options.EntraId.Enabled)
        {
            builder.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.Authority = $"{options.EntraId.Instance.TrimEnd('/')}/{options.EntraId.TenantId}/v2.0";
                o.Audience = options.EntraId.Audience;
                // Metadata over plain HTTP only for a loopback stand-in (tests); Entra ID itself is HTTPS.
                o.RequireHttpsMetadata = !(Uri.TryCreate(options.EntraId.Instance, UriKind.Absolute, out var instance) && instance.IsLoopback);
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = MapPersonAsync,
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        await Unauthorized.WriteAsync(context.HttpContext, "El token no es válido para la mesa de ayuda o la cuenta no está registrada.");
                    },
                };
            });
        }

        services.AddAuthorization();
        return services;
    }

    /// <summary>Finds the person of a validated Entra ID token by object id, then by e-mail.</summary>
    private static async Task MapPersonAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var people = context.HttpContext.RequestServices.GetRequiredService<PeopleService>();
        var person = await people.FindSignedInAsync(principal, context.HttpContext.RequestAborted);
        if (person is null)
        {
            context.Fail("La cuenta no está registrada en la mesa de ayuda.");
            return;
        }

        ((ClaimsIdentity)principal.Identity!).AddClaim(
            new Claim(SignInClaims.PersonId, person.Id.ToString(CultureInfo.InvariantCulture)));
    }
}
