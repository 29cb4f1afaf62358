namespace SosepBot.Core.Requests;

public sealed class Comment
{
    private string text = string.Empty;

    public long Id { get; set; }

    public long RequestId { get; set; }

    public long AuthorId { get; set; }

    public required string Text
    {
        get => text;
        set
        {
            text = value;
            SearchText = Requests.SearchText.Fold(value);
        }
    }

    /// <summary>The text folded (<see cref="Requests.SearchText"/>), kept in step by its setter; what the list's word search reads.</summary>
    public string SearchText { get; private set; } = string.Empty;

    public Channel Channel { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
