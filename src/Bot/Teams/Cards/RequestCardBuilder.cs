using System.Text.Json.Nodes;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;

namespace SosepBot.Bot.Teams.Cards;

/// <summary>
/// A request's card for one person (its data and the buttons of the actions they may take now, with the people they
/// may choose): for the chat's answers and for the «Le espera» notices alike. One per scope: it lists people once.
/// </summary>
public sealed class RequestCardBuilder(PeopleService people, ProcedureCatalog catalog, BusinessCalendar calendar)
{
    private List<Person>? _people;

    public async Task<JsonObject> DetailsAsync(
        RequestDetails details, string? userId, string? message, bool isError, bool fullHistory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (_people is null && details.Actions.Any(a => a.ChoosesAssignee is not null))
        {
            _people = [.. await people.ListAsync(cancellationToken)];
        }

        return RequestCards.Details(details, catalog.Get(details.Summary.ProcedureCode), calendar.TimeZone, Candidates, userId, message, isError, fullHistory);
    }

    private IReadOnlyList<AssigneeChoice> Candidates(Role role) =>
        (_people ?? []).Where(p => p.IsActive && p.Holds(role)).OrderBy(p => p.DisplayName).Select(p => new AssigneeChoice(p.Id, p.DisplayName)).ToList();
}
