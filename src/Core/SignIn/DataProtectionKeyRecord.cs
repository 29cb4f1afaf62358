namespace SosepBot.Core.SignIn;

/// <summary>One ASP.NET Core data-protection key as XML, kept in the database so that every instance reads the same cookies.</summary>
public sealed class DataProtectionKeyRecord
{
    public long Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
