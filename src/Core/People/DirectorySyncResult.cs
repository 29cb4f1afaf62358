namespace SosepBot.Core.People;

/// <summary>What one directory sync changed.</summary>
public sealed record DirectorySyncResult(int Created, int Updated, int Granted, int Revoked, int Deactivated, int Skipped);
