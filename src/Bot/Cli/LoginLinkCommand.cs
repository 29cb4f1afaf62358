using System.Globalization;
using Microsoft.Extensions.Options;
using SosepBot.Core.Scheduling;
using SosepBot.Core.SignIn;
using SosepBot.Web;

namespace SosepBot.Bot.Cli;

/// <summary><c>login-link --email CORREO</c>: prints a one-time sign-in link to the staff console (15 minutes, once).</summary>
public static class LoginLinkCommand
{
    public const string Name = "login-link";

    public static void Register(IServiceCollection services) =>
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

    public static async Task<int> RunAsync(IServiceProvider services, CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var issued = await services.GetRequiredService<LoginLinkService>().IssueAsync(a.Require("email"), CancellationToken.None);
        var web = services.GetRequiredService<IOptions<WebOptions>>().Value;
        var zone = services.GetRequiredService<BusinessCalendar>().TimeZone;
        await stdout.WriteLineAsync(web.LinkFor(issued.Token).ToString());
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Enlace de acceso para {issued.Email}: vale hasta las {TimeZoneInfo.ConvertTime(issued.ExpiresAt, zone):HH:mm} (15 minutos) y sirve una sola vez."));
        return 0;
    }
}
