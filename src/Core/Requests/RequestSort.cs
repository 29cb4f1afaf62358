namespace SosepBot.Core.Requests;

/// <summary>The column a request list is ordered by; ties are broken by number.</summary>
public enum RequestSort
{
    Number,
    Opened,
    Due,
    State,
}
