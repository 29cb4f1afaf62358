namespace SosepBot.Web.Console;

/// <summary>A refusal or error page: a title and a plain Spanish explanation.</summary>
public sealed record ProblemView(string Title, string Message);
