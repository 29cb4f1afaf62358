namespace SosepBot.Core.Scheduled;

/// <summary>Where the host serves Hangfire's dashboard: mapped there by the jobs, linked and guarded there by the console.</summary>
public static class JobsDashboard
{
    public const string Path = "/hangfire";
}
