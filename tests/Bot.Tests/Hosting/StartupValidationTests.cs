using System.Diagnostics;

namespace SosepBot.Bot.Tests.Hosting;

/// <summary>Starts the real service process with a wrong setting: it must refuse to start and name the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("--Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("--Database:ConnectionString", "", "Database:ConnectionString")]
    [InlineData("--BusinessCalendar:TimeZone", "Mars/Olympus_Mons", "BusinessCalendar:TimeZone")]
    [InlineData("--BusinessCalendar:WorkdayEnd", "07:00", "BusinessCalendar:WorkdayEnd")]
    [InlineData("--TimeLimits:Hours:DS-UI-04:Abiertoo", "3", "TimeLimits:Hours:DS-UI-04:Abiertoo")]
    [InlineData("--Attachments:MaxBytes", "0", "Attachments:MaxBytes")]
    [InlineData("--Authentication:EntraId:TenantId", "contoso", "Authentication:EntraId:Audience")]
    [InlineData("--Mailbox:Transport", "Imap", "Mailbox:Imap:Host")]
    [InlineData("--Mailbox:Transport", "Graph", "Mailbox:Graph:ClientSecret")]
    [InlineData("--Teams:Manifest:TermsOfUseUrl", "http://www.sosep.gob.gt/terminos", "Teams:Manifest:TermsOfUseUrl")]
    [InlineData("--Directory:Groups:6f1c2b8e-0c3a-4c1e-9a51-3b7f2f0e9a01", "Tecnico", "Directory:TenantId")]
    [InlineData("--Attachments:OrphanGrace", "00:00:10", "Attachments:OrphanGrace")]
    public async Task Start_WrongSetting_RefusesAndNamesTheSetting(string option, string value, string named)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sosepbot-startup", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SosepBot.Bot.dll"));
        start.ArgumentList.Add("--Urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.ArgumentList.Add(option);
        start.ArgumentList.Add(value);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(directory, recursive: true);
        }

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(named, await stderr + await stdout, StringComparison.Ordinal);
    }
}
