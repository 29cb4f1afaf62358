namespace SosepBot.Core.Requests;

/// <summary>
/// One distinct folded word (<see cref="SearchText.IndexWords"/>) of a request's title, description or comments: the
/// word index the list's search reads (a word searched matches the requests holding a word it begins, through the
/// (Word, RequestId) index, on every engine). Written only by <see cref="RequestWordIndex"/>, from the context's
/// SaveChanges and InsertAsync, so every writer keeps it in step without knowing.
/// </summary>
public sealed class RequestWord
{
    public required string Word { get; set; }

    public long RequestId { get; set; }

    /// <summary>Set instead of <see cref="RequestId"/> for a request saved in the same SaveChanges (its key is not known yet).</summary>
    public Request? Request { get; set; }
}
