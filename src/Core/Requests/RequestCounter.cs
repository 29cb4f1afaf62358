namespace SosepBot.Core.Requests;

/// <summary>The last number given in a year; the row is the lock that keeps numbers unique.</summary>
public sealed class RequestCounter
{
    public int Year { get; set; }

    public int Last { get; set; }
}
