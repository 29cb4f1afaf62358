using SosepBot.Bot.Hosting;
using SosepBot.Web;

namespace SosepBot.Bench;

/// <summary>
/// The real service started in-process as src/Bot starts it, on a free loopback port, over a bench's database: the
/// host (AddSosepHost/UseSosepHost) and, when asked, the staff console (AddSosepWeb/MapSosepWeb). Silent unless
/// <c>BENCH_LOG</c> (warnings) or <c>BENCH_SQL</c> (every statement EF Core runs) is set. Compiled only into the benches
/// that reference src/Bot (Teams.Bench, Web.Bench).
/// </summary>
internal static class BenchHost
{
    public static async Task<WebApplication> StartAsync(BenchDatabase database, IEnumerable<KeyValuePair<string, string?>> settings, bool console)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(database.Settings.Concat(settings).Prepend(new("urls", "http://127.0.0.1:0"))
            .Append(new("Attachments:Directory", Path.Combine(database.Directory, "attachments"))));
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("BENCH_LOG") is not null)
        {
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        }

        if (Environment.GetEnvironmentVariable("BENCH_SQL") is not null)
        {
            builder.Logging.AddConsole().AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        }

        builder.Services.AddSosepHost(builder.Configuration);
        if (console)
        {
            builder.Services.AddSosepWeb(builder.Configuration);
        }

        var app = builder.Build();
        await app.PrepareAsync();
        app.UseSosepHost();
        if (console)
        {
            app.MapSosepWeb();
        }

        await app.StartAsync();
        return app;
    }
}
