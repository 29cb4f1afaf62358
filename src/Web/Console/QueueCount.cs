namespace SosepBot.Web.Console;

/// <summary>How many requests of one procedure wait on the person, and how many of them are overdue.</summary>
public sealed record QueueCount(string Code, string Name, int Count, int Overdue);
