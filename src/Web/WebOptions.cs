using System.ComponentModel.DataAnnotations;

namespace SosepBot.Web;

/// <summary>The staff console. Section "Web".</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>The address people open the console at; sign-in links start with it.</summary>
    [Required]
    [Url]
    public string PublicUrl { get; set; } = "http://127.0.0.1:3978";

    /// <summary>A session with no request for this long ends (the sign-in cookie slides while the person works).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The sign-in link for a token.</summary>
    public Uri LinkFor(string token) => new($"{PublicUrl.TrimEnd('/')}/entrar?t={Uri.EscapeDataString(token)}");
}
