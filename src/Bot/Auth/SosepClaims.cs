namespace SosepBot.Bot.Auth;

public static class SosepClaims
{
    /// <summary>The person's id in SosepBot's database.</summary>
    public const string PersonId = "sosep:person_id";

    public const string ApiKeyScheme = "ApiKey";
    public const string SelectorScheme = "Sosep";
    public const string ApiKeyHeader = "X-Api-Key";
}
