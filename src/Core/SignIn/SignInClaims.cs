namespace SosepBot.Core.SignIn;

/// <summary>Claims SosepBot adds to whoever signs in (API key, Entra ID token, console cookie, Hangfire dashboard).</summary>
public static class SignInClaims
{
    /// <summary>The person's id in SosepBot's database: one actor rule serves every way in.</summary>
    public const string PersonId = "sosep:person_id";

    /// <summary>Entra ID's object id of the user (raw claim name, inbound claim mapping off).</summary>
    public const string EntraObjectId = "oid";

    public const string EntraUserName = "preferred_username";

    public const string EntraEmail = "email";
}
