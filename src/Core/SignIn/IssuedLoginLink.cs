namespace SosepBot.Core.SignIn;

/// <summary>A new sign-in link's token (its only copy) and when it stops working.</summary>
public sealed record IssuedLoginLink(string Token, string Email, DateTimeOffset ExpiresAt);
