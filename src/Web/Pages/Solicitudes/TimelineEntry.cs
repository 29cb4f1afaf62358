namespace SosepBot.Web.Pages.Solicitudes;

/// <summary>One line of a request's timeline; a file or a document version carries its download address and file name.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Who, string What, string? Href = null, string? FileName = null, long Size = 0);
