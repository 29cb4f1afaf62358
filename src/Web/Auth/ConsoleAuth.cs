namespace SosepBot.Web.Auth;

/// <summary>The console's cookie scheme and policy; the API keeps its own schemes (API keys, Entra ID tokens).</summary>
public static class ConsoleAuth
{
    public const string Scheme = "SosepConsola";

    public const string Policy = "Consola";

    public const string CookieName = "sosep.consola";

    /// <summary>The person's id in SosepBot's database: the same claim the API's schemes set, so one actor rule serves both.</summary>
    public const string PersonIdClaim = "sosep:person_id";
}
