namespace SosepBot.Core.Requests;

public sealed class Comment
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public long AuthorId { get; set; }

    public required string Text { get; set; }

    public Channel Channel { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
