namespace SosepBot.Bot.Auth;

public static class SosepClaims
{
    public const string ApiKeyScheme = "ApiKey";
    public const string SelectorScheme = "Sosep";
    public const string ApiKeyHeader = "X-Api-Key";
}
