using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Core.Notifications;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.Bot.Teams.Cards;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// Delivers outbox notices in the person's 1:1 chat with the bot (the recipient is the person id): creates the
/// personal conversation from the stored reference when needed, then posts the subject and text, or the
/// Adaptive Card of the payload. Throttling and server errors are transient (with Retry-After); a bot that was
/// removed or a person never seen in Teams are permanent.
/// </summary>
public sealed partial class TeamsOutboxSender(
    SosepDbContext db,
    ConnectorClient connector,
    RequestQueries queries,
    PeopleService people,
    RequestCardBuilder cards,
    ILogger<TeamsOutboxSender> logger) : IOutboxSender
{
    public OutboxChannel Channel => OutboxChannel.Teams;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!long.TryParse(message.Recipient, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var personId))
        {
            return SendResult.Failed("El destinatario de Teams no es el identificador de una persona.");
        }

        var reference = await db.TeamsConversationReferences.FirstOrDefaultAsync(r => r.PersonId == personId, cancellationToken);
        if (reference is null)
        {
            LogNeverSeen(logger, personId);
            return SendResult.Failed("La persona nunca escribió al bot de Teams; no hay conversación a la cual enviar.");
        }

        try
        {
            if (reference.ConversationId is null)
            {
                var created = await connector.CreateConversationAsync(reference.ServiceUrl, new ConversationParameters
                {
                    IsGroup = false,
                    Bot = reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId },
                    Members = [new ChannelAccount { Id = reference.UserId }],
                    TenantId = reference.TenantId,
                    ChannelData = reference.TenantId is null ? null : new JsonObject { ["tenant"] = new JsonObject { ["id"] = reference.TenantId } },
                }, cancellationToken);
                reference.ConversationId = created?.Id ?? throw new BotConnectorException("The connector created no conversation.");
                await db.SaveChangesAsync(cancellationToken);
            }

            var activity = new Activity
            {
                Type = ActivityTypes.Message,
                From = reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId },
                Recipient = new ChannelAccount { Id = reference.UserId, AadObjectId = reference.AadObjectId },
                Conversation = new ConversationAccount { Id = reference.ConversationId, ConversationType = "personal", TenantId = reference.TenantId },
                ChannelId = reference.ChannelId,
                ServiceUrl = reference.ServiceUrl,
                Locale = "es-GT",
                TextFormat = "markdown",
                Text = $"**{message.Subject}**\n\n{message.Text}",
            };
            if (CardOf(message.Payload) is { } card)
            {
                activity.Text = message.Subject;
                activity.Attachments = [ActivityAttachment.Card(card)];
            }
            else if (await WorkCardAsync(message, personId, reference.UserId, cancellationToken) is { } work)
            {
                // «Le espera»: the notice's text, then the request's card with the buttons the person may press now.
                activity.Attachments = [ActivityAttachment.Card(work)];
            }

            var sent = await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
            return SendResult.Ok(sent?.Id);
        }
        catch (BotConnectorException e) when (e.IsTransient)
        {
            return SendResult.Transient($"Teams: {e.Message}", e.RetryAfter);
        }
        catch (BotConnectorException e) when (e.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // The bot was removed or the conversation is gone: forget it so the next notice creates a new one.
            reference.ConversationId = null;
            await db.SaveChangesAsync(CancellationToken.None);
            return SendResult.Failed($"Teams: {e.Message}");
        }
        catch (BotConnectorException e)
        {
            return SendResult.Failed($"Teams: {e.Message}");
        }
    }

    /// <summary>For «Le espera»: the request's card as the person sees it now, with the buttons they may press; null when it cannot be shown.</summary>
    private async Task<JsonObject?> WorkCardAsync(OutboxMessage message, long personId, string userId, CancellationToken cancellationToken)
    {
        if (message.Kind != RequestNotifier.WaitingKind || message.RequestNumber is not { } number
            || PeopleService.ActorOf(await people.FindAsync(personId, cancellationToken), Core.Requests.Channel.Teams) is not { } actor)
        {
            return null;
        }

        try
        {
            var details = await queries.GetAsync(actor, number, cancellationToken);
            return await cards.DetailsAsync(details, userId, message: null, isError: false, fullHistory: false, cancellationToken);
        }
        catch (DomainException)
        {
            return null; // no longer visible to them: the text says it
        }
    }

    private static JsonObject? CardOf(string? payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(payload) is JsonObject o && o["type"]?.GetValue<string>() == "AdaptiveCard" ? o : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Person {PersonId} never talked to the bot; a Teams notice cannot be delivered")]
    private static partial void LogNeverSeen(ILogger logger, long personId);
}
