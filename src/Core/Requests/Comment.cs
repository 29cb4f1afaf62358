namespace SosepBot.Core.Requests;

public sealed class Comment
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public long AuthorId { get; set; }

    /// <summary>What was said; its words are in the request's word index (<see cref="RequestWordIndex"/>).</summary>
    public required string Text { get; set; }

    public Channel Channel { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
