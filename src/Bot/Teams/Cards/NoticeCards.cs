using System.Text.Json.Nodes;
using SosepBot.Core.People;

namespace SosepBot.Bot.Teams.Cards;

/// <summary>How a person hears of work that waits on them: the current choice and a button for each.</summary>
public static class NoticeCards
{
    public const string ShowVerb = "avisos";
    public const string SetVerb = "avisos-modo";

    public static JsonObject Preferences(NoticeMode current, string? message = null)
    {
        var body = new List<JsonNode?>();
        if (message is not null)
        {
            body.Add(Card.Success(message));
        }

        body.Add(Card.Title("Sus avisos"));
        body.Add(Card.Text($"Ahora {current.Describe()}."));
        return Card.Create(body,
        [
            Card.Execute("Avisos al momento y resumen diario", SetVerb, new JsonObject { ["mode"] = NoticeModes.Immediate },
                style: current == NoticeMode.Immediate ? "positive" : null),
            Card.Execute("Solo el resumen diario", SetVerb, new JsonObject { ["mode"] = NoticeModes.SummaryOnly },
                style: current == NoticeMode.SummaryOnly ? "positive" : null),
        ]);
    }
}
