using System.Globalization;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;

namespace SosepBot.Core.Requests;

/// <summary>
/// A <see cref="RequestFilter"/> as a query: the filters, the word search over the word index (<see cref="RequestWord"/>,
/// the same on every engine), the order and the page. The caller has already limited the query to what the actor may see.
/// </summary>
public static class RequestQuery
{
    public const int MaxSearchLength = 200;

    public const int MaxTake = 200;

    /// <summary>The order's names as the console and the API write them, Spanish and English.</summary>
    private static readonly Dictionary<string, RequestSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["numero"] = RequestSort.Number, ["number"] = RequestSort.Number,
        ["apertura"] = RequestSort.Opened, ["opened"] = RequestSort.Opened,
        ["vence"] = RequestSort.Due, ["due"] = RequestSort.Due,
        ["estado"] = RequestSort.State, ["state"] = RequestSort.State,
    };

    /// <summary>Who may export the list (the console's and the API's export): the IT director and the Administrator.</summary>
    public static bool MayExport(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Holds(Role.ItDirector) || actor.Holds(Role.Administrator);
    }

    /// <summary>An order's name («apertura», «due»…); empty is the default (by number). Unknown names are refused in Spanish.</summary>
    public static RequestSort ParseSort(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? RequestSort.Number
        : Sorts.TryGetValue(text.Trim(), out var sort) ? sort
        : throw new DomainException(ErrorKind.Invalid, RequestTexts.UnknownSort(text.Trim(), "numero, apertura, vence, estado")) { Field = field };

    /// <summary>A day written yyyy-mm-dd (as a date input sends it); empty is none. Anything else is refused in Spanish.</summary>
    public static DateOnly? ParseDay(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new DomainException(ErrorKind.Invalid, RequestTexts.BadDay(text.Trim())) { Field = field };

    /// <param name="query">The requests the actor may see.</param>
    /// <param name="words">The word index (<see cref="RequestWord"/>), for the search.</param>
    /// <param name="filter">The filters.</param>
    /// <param name="catalog">The procedures.</param>
    /// <param name="zone">The days' time zone.</param>
    /// <param name="now">Now, for «overdue».</param>
    public static IQueryable<Request> Filter(IQueryable<Request> query, IQueryable<RequestWord> words, RequestFilter filter, ProcedureCatalog catalog, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(zone);
        if (!string.IsNullOrWhiteSpace(filter.RequesterEmail))
        {
            var email = filter.RequesterEmail.Trim().ToLowerInvariant();
            query = query.Where(r => r.Requester!.Email == email);
        }

        if (!string.IsNullOrWhiteSpace(filter.AssigneeEmail))
        {
            var email = filter.AssigneeEmail.Trim().ToLowerInvariant();
            query = query.Where(r => r.Assignee!.Email == email);
        }

        if (!string.IsNullOrWhiteSpace(filter.ProcedureCode))
        {
            var code = catalog.Find(filter.ProcedureCode)?.Code ?? throw new DomainException(ErrorKind.Invalid,
                RequestTexts.UnknownProcedure(filter.ProcedureCode)) { Field = "procedimiento" };
            query = query.Where(r => r.ProcedureCode == code);
        }

        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            var state = filter.State.Trim();
            query = query.Where(r => r.State == state);
        }

        if (filter.UnitId is { } unitId)
        {
            query = query.Where(r => r.UnitId == unitId || r.Requester!.UnitId == unitId);
        }

        if (filter.OpenOnly)
        {
            query = query.Where(r => r.ClosedAt == null);
        }

        if (filter.OverdueOnly)
        {
            query = query.Where(r => r.DueAt != null && r.DueAt < now);
        }

        query = FilterDates(query, filter, zone);
        return Search(query, words, filter.Search);
    }

    public static IQueryable<Request> Order(IQueryable<Request> query, RequestFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var asc = filter.Ascending;
        var ordered = filter.Sort switch
        {
            RequestSort.Opened => asc ? query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id) : query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            // Requests without a time limit last, whichever the direction.
            RequestSort.Due => asc ? query.OrderBy(r => r.DueAt == null).ThenBy(r => r.DueAt).ThenBy(r => r.Id)
                : query.OrderBy(r => r.DueAt == null).ThenByDescending(r => r.DueAt).ThenByDescending(r => r.Id),
            RequestSort.State => asc ? query.OrderBy(r => r.State).ThenBy(r => r.Id) : query.OrderByDescending(r => r.State).ThenByDescending(r => r.Id),
            _ => asc ? query.OrderBy(r => r.Id) : query.OrderByDescending(r => r.Id),
        };
        return ordered.Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, MaxTake));
    }

    private static IQueryable<Request> FilterDates(IQueryable<Request> query, RequestFilter filter, TimeZoneInfo zone)
    {
        if (filter is { CreatedFrom: { } from, CreatedTo: { } to } && from > to)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.DatesReversed) { Field = "desde" };
        }

        if (filter.CreatedFrom is { } first)
        {
            var start = StartOf(first, zone);
            query = query.Where(r => r.CreatedAt >= start);
        }

        if (filter.CreatedTo is { } last)
        {
            var end = StartOf(last.AddDays(1), zone);
            query = query.Where(r => r.CreatedAt < end);
        }

        return query;
    }

    /// <summary>The first moment of <paramref name="day"/> in <paramref name="zone"/>, in UTC.</summary>
    internal static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// Every searched word must begin a word of the request's title, description or comments (the word index: «impre»
    /// finds «impresora», accents and case aside), or, if it has a digit, be part of its number («00042»). Each word is
    /// a range of the (Word, RequestId) index — <c>Id IN (SELECT RequestId … WHERE Word &gt;= w AND Word &lt; w′)</c> —
    /// the same on every engine. Words of one letter find nothing in the index and are left out.
    /// </summary>
    private static IQueryable<Request> Search(IQueryable<Request> query, IQueryable<RequestWord> words, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return query;
        }

        if (search.Length > MaxSearchLength)
        {
            throw new DomainException(ErrorKind.Invalid, RequestTexts.SearchTooLong(MaxSearchLength)) { Field = "q" };
        }

        foreach (var word in SearchText.Words(search))
        {
            var from = SearchText.Indexed(word);
            var to = SearchText.PrefixEnd(from);
            var holding = words.Where(w => w.Word.CompareTo(from) >= 0 && w.Word.CompareTo(to) < 0).Select(w => w.RequestId);
            if (word.Any(char.IsAsciiDigit))
            {
                var number = RequestNumbers.Normalize(word);
                query = word.Length > 1
                    ? query.Where(r => r.Number.Contains(number) || holding.Contains(r.Id))
                    : query.Where(r => r.Number.Contains(number));
            }
            else if (word.Length > 1)
            {
                query = query.Where(r => holding.Contains(r.Id));
            }
        }

        return query;
    }
}
