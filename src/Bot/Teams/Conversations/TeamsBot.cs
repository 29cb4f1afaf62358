using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SosepBot.Bot.Teams.BotConnector;
using SosepBot.Bot.Teams.Cards;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.Mail;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Mailbox.Quarantine;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduling;

namespace SosepBot.Bot.Teams.Conversations;

/// <summary>
/// The conversations: welcome, help, menu, a form per procedure, free text that opens a support ticket after a
/// confirmation (a button or a typed «sí»), "mis solicitudes", status questions and history, greetings and thanks,
/// files, and IT staff's work cards. Runs inside the turn's transaction; every refusal of Core becomes a Spanish
/// message in the chat or the card, never an error dump.
/// </summary>
public sealed partial class TeamsBot(
    RequestQueries queries,
    RequestOpening opening,
    RequestActions actions,
    RequestFiles files,
    PeopleService people,
    ProcedureCatalog catalog,
    BusinessCalendar calendar,
    SosepDbContext db,
    QuarantineService quarantine,
    DeadLetters deadLetters,
    RequestCardBuilder cards,
    TimeProvider time,
    ILogger<TeamsBot> logger)
{
    private const int MaxTicketTitle = 120;

    /// <summary>The longest description a ticket keeps (Core refuses more; the mailbox cuts mail bodies there too).</summary>
    private const int MaxTicketText = 8000;

    /// <summary>How long a ticket proposal waits for a typed «sí» or «no».</summary>
    private static readonly TimeSpan ProposalLifetime = TimeSpan.FromMinutes(15);

    /// <summary>How many earlier activities of the conversation are read back to find the proposal.</summary>
    private const int ProposalLookBack = 6;

    private delegate Task<Activity> TypedAnswer(TeamsBot bot, TurnInput input, string text, TurnResult result, CancellationToken cancellationToken);

    /// <summary>
    /// What each typed intent answers, and whether it only reads (see <see cref="IsReadOnly"/>): only a typed «sí» may
    /// write (it opens the proposed ticket).
    /// </summary>
    private static readonly Dictionary<Intent, (bool ReadOnly, TypedAnswer Answer)> Typed = new()
    {
        [Intent.Help] = (true, (b, i, _, _, _) => Task.FromResult(WithCard(i.Activity.CreateReply(MenuCards.Help(i.Person!)), b.Menu(i)))),
        [Intent.Greeting] = (true, (_, i, t, _, _) => Task.FromResult(i.Activity.CreateReply(ChatReplies.Greeting(TextIntents.GreetingOf(t), i.Person!.DisplayName)))),
        [Intent.Thanks] = (true, async (b, i, _, _, ct) => i.Activity.CreateReply(ChatReplies.Thanks(await b.PendingProposalAsync(i, ct) is not null))),
        [Intent.Yes] = (false, (b, i, _, r, ct) => b.ConfirmAsync(i, r, ct)),
        [Intent.No] = (true, async (b, i, _, _, ct) =>
            i.Activity.CreateReply(await b.PendingProposalAsync(i, ct) is null ? ChatReplies.NothingToDecline : ChatReplies.Declined)),
        [Intent.Menu] = (true, (b, i, _, _, _) => Task.FromResult(WithCard(i.Activity.CreateReply(), b.Menu(i)))),
        [Intent.Mine] = (true, async (b, i, _, _, ct) => WithCard(i.Activity.CreateReply(), await b.MineAsync(i, ct))),
        [Intent.Status] = (true, async (b, i, t, _, ct) => WithCard(i.Activity.CreateReply(), await b.StatusAsync(i, t, ct))),
        [Intent.Queue] = (true, async (b, i, _, _, ct) => WithCard(i.Activity.CreateReply(), await b.QueueAsync(i, ct))),
        [Intent.Quarantine] = (true, async (b, i, _, _, ct) => WithCard(i.Activity.CreateReply(), await b.DispatchAsync(i, AdminCards.QuarantineVerb, [], ct))),
        [Intent.DeadLetters] = (true, async (b, i, _, _, ct) => WithCard(i.Activity.CreateReply(), await b.DispatchAsync(i, AdminCards.DeadLettersVerb, [], ct))),
        [Intent.Notices] = (true, (_, i, _, _, _) => Task.FromResult(WithCard(i.Activity.CreateReply(), NoticeCards.Preferences(i.Person!.Notices)))),
        [Intent.Request] = (true, async (b, i, t, _, ct) => WithCard(i.Activity.CreateReply(),
            await b.ShowAsync(i, TextIntents.RequestNumber(t)!, null, false, TextIntents.AsksHistory(TextIntents.Normalize(t)), ct))),
        [Intent.Form] = (true, (b, i, t, _, _) => Task.FromResult(WithCard(i.Activity.CreateReply(),
            b.OpenForm(i, new JsonObject { ["procedure"] = TextIntents.ProcedureCode(TextIntents.Normalize(t)) })))),
        [Intent.Ticket] = (true, (b, i, t, _, _) => Task.FromResult(WithCard(i.Activity.CreateReply(), b.ProposeTicket(i, t)))),
        [Intent.Unknown] = (true, (_, i, t, _, _) => Task.FromResult(i.Activity.CreateReply(ChatReplies.NotUnderstood(t)))),
    };

    // Asked for every form submitted: compiled once.
    private static readonly Func<SosepDbContext, long, CancellationToken, Task<string?>> ResultNumberOf =
        EF.CompileAsyncQuery((SosepDbContext d, long id, CancellationToken ct) =>
            d.TeamsInboundActivities.AsNoTracking().Where(a => a.Id == id).Select(a => a.ResultNumber).FirstOrDefault());

    private TurnResult? _deferTo;

    /// <summary>
    /// True when the turn only reads (anything typed but a «sí», which may open the proposed ticket; a card verb that
    /// only shows something; a welcome; anybody unregistered): it may run outside the write transaction. Files, forms,
    /// tickets and state changes write, and so are not.
    /// </summary>
    public static bool IsReadOnly(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var activity = input.Activity;
        if (input.Person is null)
        {
            return activity.Type is ActivityTypes.Message or ActivityTypes.ConversationUpdate
                || activity.Type == ActivityTypes.Invoke && activity.Name == ActivityTypes.AdaptiveCardAction;
        }

        return activity.Type switch
        {
            ActivityTypes.ConversationUpdate => true,
            ActivityTypes.Message when input.Files.Count > 0 || input.FailedDownloads > 0 => false,
            ActivityTypes.Message when activity.Value is JsonObject submitted && submitted["verb"] is not null =>
                submitted["verb"] is JsonValue v && v.TryGetValue<string>(out var verb) && IsReadOnlyVerb(verb),
            ActivityTypes.Message => Typed[TextIntents.Classify(StripMention(activity.Text ?? string.Empty))].ReadOnly,
            ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardAction =>
                activity.Value?["action"]?["verb"] is JsonValue v && v.TryGetValue<string>(out var verb) && IsReadOnlyVerb(verb),
            _ => false,
        };
    }

    private static bool IsReadOnlyVerb(string verb) => verb is "menu" or MenuCards.FormVerb or MenuCards.CancelVerb or MenuCards.MineVerb
        or MenuCards.QueueVerb or RequestCards.ShowVerb or RequestCards.HistoryVerb or AdminCards.QuarantineVerb or AdminCards.DeadLettersVerb or NoticeCards.ShowVerb;

    public async Task<TurnResult> OnTurnAsync(TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var activity = input.Activity;
        var result = new TurnResult();
        switch (activity.Type)
        {
            case ActivityTypes.ConversationUpdate when activity.MembersAdded is { Count: > 0 }:
                result.Replies.Add(input.Person is null
                    ? activity.CreateReply(MenuCards.Unregistered(activity.From?.AadObjectId))
                    : WithCard(activity.CreateReply(MenuCards.Welcome(input.Person)), MenuCards.Menu(input.Person, catalog)));
                break;
            case ActivityTypes.Message:
                try
                {
                    await OnMessageAsync(input, result, cancellationToken);
                }
                catch (DomainException e)
                {
                    // A refusal of Core (a request the person may not see, a procedure they may not open…): say it plainly.
                    result.Replies.Clear();
                    result.Replies.Add(activity.CreateReply(e.Message + "\n\nEscriba «ayuda» para ver lo que puedo hacer."));
                }

                break;
            case ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardAction:
                var action = activity.Value?["action"];
                var verb = action?["verb"]?.GetValue<string>() ?? string.Empty;
                var data = action?["data"] as JsonObject ?? [];
                var card = input.Person is null
                    ? Card.Create([Card.Error(MenuCards.Unregistered(activity.From?.AadObjectId))])
                    : await DispatchAsync(input, verb, data, cancellationToken);
                result.Invoke = new JsonObject { ["statusCode"] = 200, ["type"] = ActivityAttachment.AdaptiveCard, ["value"] = card };
                break;
            case ActivityTypes.Invoke:
                result.Invoke = new JsonObject { ["statusCode"] = 200 };
                break;
        }

        return result;
    }

    private async Task OnMessageAsync(TurnInput input, TurnResult result, CancellationToken cancellationToken)
    {
        var activity = input.Activity;
        if (input.Person is null)
        {
            result.Replies.Add(activity.CreateReply(MenuCards.Unregistered(activity.From?.AadObjectId)));
            return;
        }

        // Action.Submit (the fallback of every Action.Execute for clients without Universal Actions): the card's data,
        // with its inputs, arrives as the message's value.
        if (activity.Value is JsonObject submitted && submitted["verb"]?.GetValue<string>() is { } submitVerb)
        {
            // A message's card may be completed after the commit (an invoke's answer is stored with the turn, so not there).
            _deferTo = result;
            try
            {
                var card = WithCard(activity.CreateReply(), await DispatchAsync(input, submitVerb, submitted, cancellationToken));
                if (activity.ReplyToId is { } cardMessage)
                {
                    // Like a Universal Action, the new card replaces the one pressed (the message it came in).
                    card.Id = cardMessage;
                    result.Updates.Add(card);
                }
                else
                {
                    result.Replies.Add(card);
                }
            }
            finally
            {
                _deferTo = null;
            }

            return;
        }

        var text = StripMention(activity.Text ?? string.Empty);
        if (input.Files.Count > 0 || input.FailedDownloads > 0)
        {
            result.Replies.Add(activity.CreateReply(await AttachAsync(input, TextIntents.Normalize(text), cancellationToken)));
            return;
        }

        result.Replies.Add(await Typed[TextIntents.Classify(text)].Answer(this, input, text, result, cancellationToken));
    }

    private JsonObject Menu(TurnInput input) => MenuCards.Menu(input.Person!, catalog);

    /// <summary>A problem described in words: the support ticket it would open (DS-UI-06 for a departmental site's people), to confirm.</summary>
    private JsonObject ProposeTicket(TurnInput input, string text) => MenuCards.ConfirmTicket(
        text.Trim(), catalog.Get(input.Person!.IsDepartmentalSite ? ProcedureCodes.SoporteSedes : ProcedureCodes.SoporteTecnico), input.InboundId, MaxTicketText);

    /// <summary>
    /// A typed «sí»: opens the ticket proposed in this chat, as its card's button does (the same source, so that pressing
    /// the button afterwards shows that ticket instead of opening another).
    /// </summary>
    private async Task<Activity> ConfirmAsync(TurnInput input, TurnResult result, CancellationToken cancellationToken)
    {
        if (await PendingProposalAsync(input, cancellationToken) is not { } source)
        {
            return input.Activity.CreateReply(ChatReplies.NothingToConfirm);
        }

        var code = input.Person!.IsDepartmentalSite ? ProcedureCodes.SoporteSedes : ProcedureCodes.SoporteTecnico;
        _deferTo = result;
        try
        {
            return WithCard(input.Activity.CreateReply(), await OpenTicketAsync(input, new JsonObject { ["source"] = source, ["procedure"] = code }, cancellationToken));
        }
        finally
        {
            _deferTo = null;
        }
    }

    /// <summary>
    /// The message whose ticket the bot proposed and that still waits for an answer: among the conversation's last
    /// activities of the last minutes (stored durably, so a restart keeps it), the latest one other than thanks and
    /// greetings, when it is such a message and no ticket was opened from it. Anything else typed or pressed since
    /// (a «no», another question, a card's button) leaves nothing pending.
    /// </summary>
    private async Task<long?> PendingProposalAsync(TurnInput input, CancellationToken cancellationToken)
    {
        if (input.Activity.Conversation?.Id is not { } conversation)
        {
            return null;
        }

        var since = time.GetUtcNow() - ProposalLifetime;
        var earlier = await db.TeamsInboundActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversation && a.Id < input.InboundId && a.ReceivedAt >= since)
            .OrderByDescending(a => a.Id)
            .Take(ProposalLookBack)
            .Select(a => new { a.Id, a.Type, a.Body, a.ResultNumber, a.ProcessedAt })
            .ToListAsync(cancellationToken);
        foreach (var a in earlier)
        {
            var intent = a.Type == ActivityTypes.Message ? TypedIntentOf(JsonSerializer.Deserialize<Activity>(a.Body, BotJson.Options)) : null;
            if (intent is Intent.Thanks or Intent.Greeting)
            {
                continue;
            }

            // Processed: the proposal was made (not a message still waiting for its turn after a crash).
            return intent == Intent.Ticket && a.ResultNumber is null && a.ProcessedAt is not null ? a.Id : null;
        }

        return null;
    }

    /// <summary>The intent of a stored message typed as text (null for files and cards' submissions).</summary>
    private static Intent? TypedIntentOf(Activity? message) =>
        message is null || message.Attachments is { Count: > 0 } || message.Value is JsonObject
            ? null
            : TextIntents.Classify(StripMention(message.Text ?? string.Empty));

    private async Task<JsonObject> DispatchAsync(TurnInput input, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        var person = input.Person!;
        try
        {
            return verb switch
            {
                "menu" => MenuCards.Menu(person, catalog),
                MenuCards.FormVerb => OpenForm(input, data),
                FormCards.SubmitVerb => await SubmitFormAsync(input, data, cancellationToken),
                MenuCards.TicketVerb => await OpenTicketAsync(input, data, cancellationToken),
                MenuCards.CancelVerb => MenuCards.Menu(person, catalog, "Entendido: no abrí ningún ticket."),
                MenuCards.MineVerb => await MineAsync(input, cancellationToken),
                MenuCards.QueueVerb => await QueueAsync(input, cancellationToken),
                RequestCards.ShowVerb => await ShowAsync(input, Str(data, "number") ?? string.Empty, null, false, false, cancellationToken),
                RequestCards.HistoryVerb => await ShowAsync(input, Str(data, "number") ?? string.Empty, null, false, true, cancellationToken),
                RequestCards.FireVerb => await FireAsync(input, data, cancellationToken),
                AdminCards.QuarantineVerb => await QuarantineAsync(input, null, cancellationToken),
                AdminCards.ReleaseVerb => await QuarantineAsync(input, await ReleaseAsync(input, data, cancellationToken), cancellationToken),
                AdminCards.DiscardVerb => await QuarantineAsync(input, await DiscardAsync(input, data, cancellationToken), cancellationToken),
                AdminCards.DeadLettersVerb => await UndeliveredAsync(Actor(input), null, cancellationToken),
                AdminCards.RetryVerb => await RetryAsync(input, data, cancellationToken),
                NoticeCards.ShowVerb => NoticeCards.Preferences(person.Notices),
                NoticeCards.SetVerb => await SetNoticesAsync(person, data, cancellationToken),
                _ => MenuCards.Menu(person, catalog, "Esa acción ya no está disponible; elija una opción del menú."),
            };
        }
        catch (DomainException e)
        {
            return Card.Create([Card.Error(e.Message)], [Card.Execute("Menú", "menu")]);
        }
    }

    private async Task<JsonObject> SetNoticesAsync(Person person, JsonObject data, CancellationToken cancellationToken)
    {
        var changed = await people.SetNoticesAsync(person.Id, Str(data, "mode") ?? string.Empty, cancellationToken);
        return NoticeCards.Preferences(changed.Notices, "Listo: guardé cómo quiere recibir sus avisos.");
    }

    private JsonObject OpenForm(TurnInput input, JsonObject data)
    {
        var procedure = catalog.Find(Str(data, "procedure"));
        if (procedure is null || procedure.ParentCode is not null)
        {
            return MenuCards.Menu(input.Person!, catalog, "Ese procedimiento no existe; elija uno del menú.");
        }

        if (procedure.OpenedBy.Count > 0 && !procedure.OpenedBy.Any(input.Person!.Holds))
        {
            var who = string.Join(", ", procedure.OpenedBy.Select(r => r.ToSpanish()));
            return MenuCards.Menu(input.Person!, catalog, $"Solo pueden abrir «{procedure.Name}»: {who}. Pida a esa persona que lo solicite.");
        }

        return FormCards.Build(procedure, new Dictionary<string, string?>(), input.InboundId.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<JsonObject> SubmitFormAsync(TurnInput input, JsonObject data, CancellationToken cancellationToken)
    {
        var procedure = catalog.Find(Str(data, "procedure"));
        if (procedure is null)
        {
            return MenuCards.Menu(input.Person!, catalog, "Ese procedimiento no existe; elija uno del menú.");
        }

        var values = FormCards.Values(procedure, data);
        var token = Str(data, "token") ?? input.InboundId.ToString(CultureInfo.InvariantCulture);
        if (await AlreadyOpenedAsync(token, cancellationToken) is { } existing)
        {
            return await ShowAsync(input, existing, $"Este formulario ya se envió: es la solicitud {existing}.", false, false, cancellationToken);
        }

        RequestDetails opened;
        try
        {
            opened = (await opening.OpenAsync(Actor(input), RequestForm.Read(procedure, values, Channel.Teams), cancellationToken)).Details;
        }
        catch (DomainException e)
        {
            LogFormRefused(logger, procedure.Code, e.Field ?? "-");
            return FormCards.Build(procedure, values, token, e.Message, e.Field);
        }

        var number = opened.Summary.Number;
        await RememberResultAsync(token, number, cancellationToken);
        return await OpenedCardAsync(input, opened, $"Se abrió su solicitud {number}. Le avisaré aquí de cada cambio.");
    }

    private async Task<JsonObject> OpenTicketAsync(TurnInput input, JsonObject data, CancellationToken cancellationToken)
    {
        var token = Str(data, "source") ?? string.Empty;
        if (await AlreadyOpenedAsync(token, cancellationToken) is { } existing)
        {
            return await ShowAsync(input, existing, $"Ese ticket ya se abrió: es el {existing}.", false, false, cancellationToken);
        }

        var source = long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.TeamsInboundActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            : null;
        var text = source is null ? null : JsonSerializer.Deserialize<Activity>(source.Body, BotJson.Options)?.Text?.Trim();
        if (string.IsNullOrWhiteSpace(text) || source!.ConversationId != input.Activity.Conversation?.Id)
        {
            return MenuCards.Menu(input.Person!, catalog, "No encontré el mensaje de ese ticket; descríbame el problema otra vez.");
        }

        var code = Str(data, "procedure") is { } chosen && (chosen == ProcedureCodes.SoporteSedes || chosen == ProcedureCodes.SoporteTecnico)
            ? chosen
            : ProcedureCodes.SoporteTecnico;
        var firstLine = text.Split('\n')[0].Trim();
        var opened = await opening.OpenAsync(Actor(input), new NewRequest
        {
            ProcedureCode = code,
            Title = firstLine.Length > MaxTicketTitle ? firstLine[..MaxTicketTitle] + "…" : firstLine,
            Description = text.Length <= MaxTicketText ? text : text[..(char.IsHighSurrogate(text[MaxTicketText - 1]) ? MaxTicketText - 1 : MaxTicketText)],
            Channel = Channel.Teams,
        }, cancellationToken);
        var number = opened.Number;
        await RememberResultAsync(token, number, cancellationToken);
        return await OpenedCardAsync(input, opened.Details, $"Se abrió su ticket {number}. Le avisaré aquí de cada cambio.");
    }

    /// <summary>
    /// The card of a request the turn just opened, from the details Core built of what it wrote (nothing is read back):
    /// at once inside the transaction, or, for a message's reply, after the commit (filled in place), so that building
    /// it (and reading the assignee candidates it may offer) does not hold the write lock.
    /// </summary>
    private async Task<JsonObject> OpenedCardAsync(TurnInput input, RequestDetails opened, string message)
    {
        if (_deferTo is not { } later)
        {
            return await DetailsAsync(input, opened, message, false);
        }

        // Until then it holds the message (the number) and the menu's button: what the reply's escrowed copy in the outbox
        // keeps (it is written before the commit), should the service die before the full card is posted.
        var card = Card.Create([Card.Success(message)], [Card.Execute("Menú", "menu")]);
        later.AfterCommit.Add(async ct =>
        {
            JsonObject built;
            try
            {
                built = await DetailsAsync(input, opened, message, false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The request is open and committed: never fail the turn now (it would not act again); say so plainly.
                LogCardAfterCommitFailed(logger, e, opened.Summary.Number);
                built = MenuCards.Menu(input.Person!, catalog, message);
            }

            card.Clear();
            foreach (var (key, value) in built.ToList())
            {
                built.Remove(key);
                card[key] = value;
            }
        });
        return card;
    }

    private async Task<JsonObject> FireAsync(TurnInput input, JsonObject data, CancellationToken cancellationToken)
    {
        var number = Str(data, "number") ?? string.Empty;
        var action = Str(data, "action") ?? string.Empty;
        var actionInput = new ActionInput
        {
            Text = Str(data, "text"),
            AssigneeId = long.TryParse(Str(data, "assignee"), NumberStyles.None, CultureInfo.InvariantCulture, out var assignee) ? assignee : null,
            ExpectedVersion = data["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version
                : int.TryParse(Str(data, "version"), NumberStyles.None, CultureInfo.InvariantCulture, out version) ? version : null,
            PlannedEnd = DateOnly.TryParse(Str(data, "plannedEnd"), CultureInfo.InvariantCulture, out var end) ? end : null,
            ScheduledFor = DateOnly.TryParse(Str(data, "scheduledFor"), CultureInfo.InvariantCulture, out var day)
                ? new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), calendar.TimeZone.GetUtcOffset(day.ToDateTime(new TimeOnly(8, 0))))
                : null,
            Checklist = Str(data, "checklist")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Equipment = data.ContainsKey("brand") || data.ContainsKey("findings")
                ? new EquipmentData
                {
                    Brand = Str(data, "brand"),
                    Model = Str(data, "model"),
                    Colour = Str(data, "colour"),
                    SerialNumber = Str(data, "serialNumber"),
                    AssetNumber = Str(data, "assetNumber"),
                    Findings = Str(data, "findings"),
                    Diagnosis = Str(data, "diagnosis"),
                }
                : null,
        };
        try
        {
            if (Str(data, "testers") is { } testerEmails)
            {
                actionInput = actionInput with { TesterIds = await TesterIdsAsync(testerEmails, cancellationToken) };
            }

            var details = await actions.FireAsync(Actor(input), number, action, actionInput, cancellationToken);
            var label = catalog.Get(details.Summary.ProcedureCode).Transition(action)?.Label ?? action;
            return await DetailsAsync(input, details, $"Listo: {label}. La solicitud {details.Summary.Number} está ahora en «{details.Summary.State}».", false);
        }
        catch (DomainException e) when (e.Kind != ErrorKind.NotFound || e.Message.Contains("acción", StringComparison.Ordinal))
        {
            // Somebody else acted first, the state moved on, or something is missing: say so on the current card.
            LogActionRefused(logger, number, action, e.Kind);
            return await ShowAsync(input, number, e.Message, true, false, cancellationToken);
        }
    }

    private async Task<JsonObject> ShowAsync(TurnInput input, string number, string? message, bool isError, bool fullHistory, CancellationToken cancellationToken)
    {
        var details = await queries.GetAsync(Actor(input), number, cancellationToken);
        return await DetailsAsync(input, details, message, isError, fullHistory);
    }

    private Task<JsonObject> DetailsAsync(TurnInput input, RequestDetails details, string? message, bool isError, bool fullHistory = false) =>
        cards.DetailsAsync(details, input.Activity.From?.Id, message, isError, fullHistory, CancellationToken.None);

    private async Task<JsonObject> MineAsync(TurnInput input, CancellationToken cancellationToken) =>
        RequestCards.List("Mis solicitudes", await RequestsOfAsync(input, openOnly: false, cancellationToken),
            "Todavía no tiene solicitudes. Escriba su problema o elija «Menú».", calendar.TimeZone);

    /// <summary>
    /// «¿Cómo va mi solicitud?»: the person's open requests — the one the question names («lo de la impresora») when its
    /// words are in a title, or the only one open — never a new ticket.
    /// </summary>
    private async Task<JsonObject> StatusAsync(TurnInput input, string text, CancellationToken cancellationToken)
    {
        var open = await RequestsOfAsync(input, openOnly: true, cancellationToken);
        var topics = TextIntents.Topics(text);
        var named = topics.Count == 0 ? [] : open.Where(r => TextIntents.Tokens(r.Title).Any(topics.Contains)).ToList();
        var shown = named.Count > 0 ? named : open;
        if (shown.Count == 1)
        {
            var only = shown[0];
            return await ShowAsync(input, only.Number, $"Su solicitud {only.Number} está en «{only.State}».", false, false, cancellationToken);
        }

        return RequestCards.List("Sus solicitudes abiertas", shown,
            "No tiene solicitudes abiertas. Si tiene un problema nuevo, descríbamelo con sus palabras.", calendar.TimeZone,
            shown.Count == 0 ? null
            : named.Count > 0 ? $"Encontré {shown.Count} solicitudes abiertas sobre eso; pulse «Ver» en cada una para saber cómo va."
            : $"Tiene {shown.Count} solicitudes abiertas; pulse «Ver» en cada una para saber cómo va.");
    }

    private Task<IReadOnlyList<RequestSummary>> RequestsOfAsync(TurnInput input, bool openOnly, CancellationToken cancellationToken) =>
        queries.ListAsync(Actor(input), new RequestFilter { RequesterEmail = input.Person!.Email, OpenOnly = openOnly, Take = 15 }, cancellationToken);

    private async Task<JsonObject> QueueAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var waiting = await queries.WaitingOnAsync(Actor(input), 15, cancellationToken);
        return RequestCards.List("Trabajo pendiente", waiting.Items.Select(w => w.Request).ToList(), "No hay nada que espere por usted. ¡Buen trabajo!", calendar.TimeZone,
            waiting.Total > waiting.Items.Count ? TeamsTexts.WaitingShown(waiting.Items.Count, waiting.Total) : null);
    }

    private async Task<string> AttachAsync(TurnInput input, string normalized, CancellationToken cancellationToken)
    {
        var actor = Actor(input);
        var number = TextIntents.RequestNumber(normalized);
        if (number is null)
        {
            var latest = await queries.ListAsync(actor, new RequestFilter { RequesterEmail = input.Person!.Email, OpenOnly = true, Take = 1 }, cancellationToken);
            number = latest.Count > 0 ? latest[0].Number : null;
        }

        if (number is null)
        {
            return "Recibí su archivo, pero no sé a qué solicitud pertenece. Envíelo de nuevo escribiendo el número (p. ej. «UI-2026-00042 dpi»).";
        }

        var kind = TextIntents.KindOf(normalized);
        var lines = new List<string>();
        foreach (var file in input.Files)
        {
            try
            {
                using var content = new MemoryStream(file.Content, writable: false);
                var stored = await files.AttachAsync(actor, number, kind, file.Name, file.ContentType, content, cancellationToken);
                lines.Add($"Guardé «{stored.FileName}» ({stored.Kind.ToSpanish()}) en la solicitud {number}.");
            }
            catch (DomainException e)
            {
                lines.Add($"No guardé «{file.Name}»: {e.Message}");
            }
        }

        if (input.FailedDownloads > 0)
        {
            lines.Add($"No pude descargar {input.FailedDownloads} archivo(s) de Teams; intente enviarlo(s) de nuevo.");
        }

        return string.Join("\n\n", lines);
    }

    private async Task<string?> AlreadyOpenedAsync(string token, CancellationToken cancellationToken)
    {
        if (!long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        return await ResultNumberOf(db, id, cancellationToken);
    }

    private async Task RememberResultAsync(string token, string number, CancellationToken cancellationToken)
    {
        if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await InboundActivityStore.SetResultNumberAsync(db, id, number, cancellationToken);
        }
    }

    /// <summary>"ana@sosep.gob.gt, luis@sosep.gob.gt" → their ids; an unknown address is refused in Spanish.</summary>
    private async Task<List<long>> TesterIdsAsync(string emails, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        foreach (var email in emails.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ids.Add((await people.FindByEmailAsync(email, cancellationToken))?.Id
                ?? throw new DomainException(ErrorKind.Invalid, PeopleTexts.NobodyToTest(email)) { Field = "testers" });
        }

        return ids;
    }

    private static Actor Actor(TurnInput input) => PeopleService.ActorOf(input.Person, Channel.Teams)!;

    private static Activity WithCard(Activity reply, JsonObject card)
    {
        reply.Attachments = [ActivityAttachment.Card(card)];
        return reply;
    }

    private static string StripMention(string text)
    {
        var start = text.IndexOf("<at>", StringComparison.OrdinalIgnoreCase);
        var end = text.IndexOf("</at>", StringComparison.OrdinalIgnoreCase);
        return start >= 0 && end > start ? text.Remove(start, end - start + 5) : text;
    }

    private async Task<JsonObject> QuarantineAsync(TurnInput input, string? message, CancellationToken cancellationToken) =>
        AdminCards.Quarantine(await quarantine.ListAsync(Actor(input), QuarantineStatus.Held, cancellationToken), calendar.TimeZone, message);

    private async Task<string> ReleaseAsync(TurnInput input, JsonObject data, CancellationToken cancellationToken)
    {
        var released = await quarantine.ReleaseAsync(Actor(input), Id(data), cancellationToken);
        return released.RequestNumber is { } number
            ? $"Correo de {released.From} liberado: quedó en la solicitud {number}."
            : $"Correo de {released.From} liberado y procesado.";
    }

    private async Task<string> DiscardAsync(TurnInput input, JsonObject data, CancellationToken cancellationToken)
    {
        var discarded = await quarantine.DiscardAsync(Actor(input), Id(data), cancellationToken);
        return $"Correo de {discarded.From} descartado.";
    }

    private async Task<JsonObject> RetryAsync(TurnInput input, JsonObject data, CancellationToken cancellationToken)
    {
        var actor = Actor(input);
        var retried = await deadLetters.RetryAsync(actor, Id(data), cancellationToken);
        return await UndeliveredAsync(actor, $"«{retried.Subject}» volvió a la cola de envío.", cancellationToken);
    }

    /// <summary>The dead letters, and the notices still waiting for a channel.</summary>
    private async Task<JsonObject> UndeliveredAsync(Actor actor, string? message, CancellationToken cancellationToken) =>
        AdminCards.DeadLetters(await deadLetters.ListAsync(actor, cancellationToken), calendar.TimeZone, message,
            await deadLetters.AwaitingChannelAsync(actor, cancellationToken));

    /// <summary>The item a housekeeping card's button names.</summary>
    private static long Id(JsonObject data) =>
        long.TryParse(Str(data, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new DomainException(ErrorKind.Invalid, TeamsTexts.ButtonWithoutItem);

    private static string? Str(JsonObject data, string key) => data[key] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams form for {Procedure} refused (field {Field})")]
    private static partial void LogFormRefused(ILogger logger, string procedure, string field);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The card of {Number}, opened by this turn, could not be built after the commit; the menu is shown with the number")]
    private static partial void LogCardAfterCommitFailed(ILogger logger, Exception exception, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams action {Action} on {Number} refused ({Kind})")]
    private static partial void LogActionRefused(ILogger logger, string number, string action, ErrorKind kind);
}
