using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.Mail;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Mailbox.Parsing;

namespace SosepBot.Mailbox.Ingestion;

/// <summary>
/// Turns incoming mails into requests, comments, ignored or quarantined records — each exactly once: a mail's
/// identity is recorded in the same transaction as its request (or comment) and acknowledgement, and a second
/// attempt (restart, second instance) finds the record and does nothing. ONE pipeline for any number of mails
/// (one mail is a batch of one): what the database knows about them is read in a few queries, the new requests are
/// opened together through <see cref="RequestOpening"/>, and everything commits once. Transports move or flag the
/// mails only after this returns.
/// </summary>
public sealed partial class MailIngestor(
    SosepDbContext db,
    RequestOpening opening,
    RequestQueries queries,
    RequestActions actions,
    RequestFiles files,
    RequestVisibility visibility,
    PeopleService people,
    ProcedureCatalog catalog,
    MailReader reader,
    IOptions<MailboxOptions> options,
    TimeProvider time,
    ILogger<MailIngestor> logger)
{
    private const int MaxTitle = 200;
    private const int MaxText = 8000;

    /// <summary>Processes one raw message of <paramref name="mailbox"/> whose identity there is <paramref name="externalId"/>: a batch of one.</summary>
    public async Task<IngestResult> IngestAsync(string mailbox, string externalId, byte[] raw, CancellationToken cancellationToken) =>
        (await IngestBatchAsync(mailbox, [new IncomingMail(externalId, raw)], cancellationToken))[0];

    /// <summary>
    /// Processes raw messages of <paramref name="mailbox"/> in ONE transaction (one commit, one disk sync): either every
    /// mail's record, request and acknowledgement is committed, or none is. A batch of several that fails throws (the
    /// caller redoes its mails one by one, <see cref="BatchIngestion"/>, so that one bad mail never blocks the others);
    /// a single mail that fails is recorded as refused (a refusal of the request services) or as the record another
    /// instance saved first.
    /// </summary>
    public Task<IReadOnlyList<IngestResult>> IngestBatchAsync(string mailbox, IReadOnlyList<IncomingMail> mails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        return IngestBatchAsync(reader.Read(mailbox, mails), cancellationToken);
    }

    /// <summary>
    /// Like <see cref="IngestBatchAsync(string, IReadOnlyList{IncomingMail}, CancellationToken)"/> for mails already
    /// read (<see cref="MailReader"/>, done by the transports ahead of the writes), all of one mailbox.
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestBatchAsync(IReadOnlyList<MailReading> readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Count == 0)
        {
            return [];
        }

        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A batch of mails needs its own transaction.");
        }

        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                var unit = new Unit(await BatchKnowledge.LoadAsync(db, readings[0].Record.Mailbox, readings.Select(r => r.Record).ToList(), time.GetUtcNow().AddDays(-1), ct));
                await RegisterSendersAsync(readings.Where(r => !unit.Known.Recorded.Contains(r.Record.ExternalId)).ToList(), unit.Known, always: false, ct);
                foreach (var reading in readings)
                {
                    await DecideAsync(reading, unit, ct);
                }

                await FlushAsync(unit, ct);
                return unit.Results.Select(r => r!).ToList();
            }, cancellationToken);
        }
        catch (DomainException e) when (readings.Count == 1)
        {
            // The request services refused (bad data): nothing of it was kept; remember the mail as refused (a new
            // record: the one read went to the rolled-back unit of work).
            db.ChangeTracker.Clear();
            var record = reader.Read(readings[0].Record.Mailbox, readings[0].Incoming).Record;
            LogRefused(logger, record.ExternalId, e.Kind);
            return [await SaveOnceAsync(record, () => StageRecordOnly(record, MailOutcome.Refused, "refused:" + e.Kind.ToString().ToLowerInvariant()), cancellationToken)];
        }
        catch (Exception) when (readings.Count == 1 && !cancellationToken.IsCancellationRequested)
        {
            // Another instance recorded the same mail first (its unique key): its outcome stands.
            db.ChangeTracker.Clear();
            if (await FindAsync(readings[0].Record.Mailbox, readings[0].Record.ExternalId, cancellationToken) is { } recorded)
            {
                return [recorded];
            }

            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Processes a quarantined mail as if it had been allowed (staff released it). The sender is registered when unknown.</summary>
    internal async Task<IngestResult> ReleaseAsync(MailRecord record, byte[] raw, Func<IngestResult, CancellationToken, Task> inSameTransaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(inSameTransaction);
        var mail = reader.Parse(raw);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var unit = new Unit(await BatchKnowledge.LoadAsync(db, record.Mailbox, [record], time.GetUtcNow().AddDays(-1), ct));
                await RegisterSendersAsync([new MailReading(record, raw, mail, MailOutcome.Request, null)], unit.Known, always: true, ct);
                unit.Results.Add(null);
                if (await AcceptAsync(record, mail, unit, ct) is { } decided)
                {
                    unit.Results[0] = decided;
                }

                await FlushAsync(unit, ct);
                var result = unit.Results[0]!;
                await inSameTransaction(result, ct);
                return result;
            }, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The firewall, duplicate and routing decisions of one mail, with what the unit knows; its result is the unit's next one (set when its request is opened, if it opens one).</summary>
    private async Task DecideAsync(MailReading reading, Unit unit, CancellationToken cancellationToken)
    {
        var record = reading.Record;
        var known = unit.Known;
        unit.Results.Add(null);
        var slot = unit.Results.Count - 1;
        if (known.Recorded.Contains(record.ExternalId))
        {
            unit.Results[slot] = await FindAsync(record.Mailbox, record.ExternalId, cancellationToken)
                ?? throw new InvalidOperationException("A recorded mail disappeared during the batch.");
            return;
        }

        using var scope = MailScope(logger, reading.Mail?.MessageId ?? record.ExternalId);
        IngestResult? result;
        if (reading.Mail is not { } mail)
        {
            result = StageRecordOnly(record, reading.Outcome, reading.Reason!);
        }
        else if (mail.MessageId is { } messageId && known.Messages.Contains((messageId, record.Sha256)))
        {
            result = StageRecordOnly(record, MailOutcome.Duplicate, "same-message");
        }
        else if (!HasSender(mail))
        {
            result = StageRecordOnly(record, MailOutcome.Ignored, "no-sender");
        }
        else if (QuarantineReason(mail) is { } quarantine)
        {
            LogQuarantined(logger, record.ExternalId, quarantine);
            result = StageRecordOnly(record, MailOutcome.Quarantined, quarantine);
            db.QuarantinedMails.Add(Quarantined(record, mail, reading.Raw, quarantine));
        }
        else
        {
            result = await AcceptAsync(record, mail, unit, cancellationToken);
        }

        if (result?.Outcome != MailOutcome.Duplicate && record.MessageId is { } recorded)
        {
            known.Messages.Add((recorded, record.Sha256));
        }

        if (result is not null)
        {
            unit.Results[slot] = result;
        }
    }

    /// <summary>Adds the mail's record alone, with its outcome, to the unit of work.</summary>
    private IngestResult StageRecordOnly(MailRecord record, MailOutcome outcome, string reason)
    {
        record.Outcome = outcome;
        record.Reason = reason;
        db.MailRecords.Add(record);
        return new IngestResult(outcome, reason);
    }

    /// <summary>Registers, in one save, every unknown sender whose mail will be accepted (with <paramref name="always"/>, even when the options say not to).</summary>
    private async Task RegisterSendersAsync(List<MailReading> readings, BatchKnowledge known, bool always, CancellationToken cancellationToken)
    {
        if (!options.Value.RegisterUnknownSenders && !always)
        {
            return;
        }

        var unknown = readings
            .Where(r => r.Mail is { } m && HasSender(m) && (always || QuarantineReason(m) is null)
                && !known.Senders.ContainsKey(PeopleService.NormalizeEmail(m.FromAddress)))
            .Select(r => r.Mail!)
            .DistinctBy(m => PeopleService.NormalizeEmail(m.FromAddress))
            .Select(m => new PersonInput { Email = m.FromAddress, DisplayName = SenderName(m) })
            .ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        foreach (var person in await people.RegisterAsync(unknown, cancellationToken))
        {
            known.Senders[person.Email] = person;
            LogRegistered(logger, person.Id);
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// A mail past the firewall (its result slot is the unit's last): a reply onto a request its sender may see
    /// (<see cref="RequestVisibility"/>) is a comment or the requester's answer, done now; anything else is a new
    /// request, drafted now and opened with the unit's others by <see cref="FlushAsync"/>, which sets its result.
    /// </summary>
    private async Task<IngestResult?> AcceptAsync(MailRecord record, ParsedMail mail, Unit unit, CancellationToken cancellationToken)
    {
        var person = unit.Known.Senders.GetValueOrDefault(PeopleService.NormalizeEmail(mail.FromAddress));
        var actor = PeopleService.ActorOf(person, Channel.Mail);
        if (actor is null)
        {
            unit.Accepted.Add(record);
            record.Outcome = MailOutcome.Refused;
            record.Reason = "unknown-sender";
            return new IngestResult(MailOutcome.Refused, "unknown-sender");
        }

        if (ThreadNumber(mail) is { } number
            && await ThreadedAsync(number, unit, cancellationToken) is { } request
            && await visibility.MaySeeAsync(actor, request, cancellationToken))
        {
            var reply = await ReplyAsync(actor, person!, record, mail, request, cancellationToken);
            record.Outcome = reply.Outcome;
            record.Reason = reply.Reason;
            unit.Accepted.Add(record);
            return reply;
        }

        var draft = await DraftAsync(actor, person!, mail, cancellationToken);
        var address = record.FromAddress ?? string.Empty;
        var acknowledge = unit.Known.SentToday.GetValueOrDefault(address) < options.Value.MaxAutoRepliesPerDay;
        unit.Known.SentToday[address] = unit.Known.SentToday.GetValueOrDefault(address) + 1;
        record.Outcome = MailOutcome.Request;
        unit.Accepted.Add(record);
        unit.Staged.Add(new Staged(unit.Results.Count - 1, record, person!, mail, draft, acknowledge));
        if (mail.Attachments.Count > 0)
        {
            // Its files are stored as soon as it is opened: the history reads in the order of the mails.
            await FlushAsync(unit, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// The request a reply names, after what the unit holds is saved: it may be one of the unit's own, and the request
    /// services a reply goes through save as they go.
    /// </summary>
    private async Task<Request?> ThreadedAsync(string number, Unit unit, CancellationToken cancellationToken)
    {
        await FlushAsync(unit, cancellationToken);
        return await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
    }

    /// <summary>
    /// Saves what the unit holds: what EF Core tracks (mails only recorded, quarantined mail), then the new requests
    /// opened together (<see cref="RequestOpening.OpenAsync(IReadOnlyList{RequestDraft}, CancellationToken)"/>), their
    /// mails' files, the accepted mails' records and the acknowledgements (<see cref="SosepDbContext.InsertAsync{T}"/>).
    /// </summary>
    private async Task FlushAsync(Unit unit, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var opened = await opening.OpenAsync(unit.Staged.Select(s => s.Draft).ToList(), cancellationToken);
        var acknowledgements = new List<OutboxMessage>();
        for (var i = 0; i < opened.Count; i++)
        {
            var (index, record, person, mail, draft, acknowledge) = unit.Staged[i];
            var request = opened[i];
            record.RequestId = request.Id;
            var refused = mail.Attachments.Count > 0
                ? await AttachAllAsync(draft.Actor, request.Number, mail.Attachments, cancellationToken)
                : [];
            if (acknowledge)
            {
                acknowledgements.Add(Acknowledgement(person, record, mail, request.Number, request.Request.Title, request.Definition.Name, refused, request.Id));
            }
            else
            {
                LogCapped(logger, request.Number);
            }

            LogOpened(logger, request.Number, request.Definition.Code);
            unit.Results[index] = new IngestResult(MailOutcome.Request, null, request.Number);
        }

        foreach (var existing in unit.Accepted.Where(r => r.Id != 0))
        {
            await db.MailRecords.Where(r => r.Id == existing.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Outcome, existing.Outcome)
                .SetProperty(r => r.Reason, existing.Reason)
                .SetProperty(r => r.RequestId, existing.RequestId), cancellationToken);
        }

        await db.InsertAsync(unit.Accepted.Where(r => r.Id == 0).ToList(), cancellationToken);
        await db.InsertAsync(acknowledgements, cancellationToken);
        unit.Staged.Clear();
        unit.Accepted.Clear();
        db.ChangeTracker.Clear();
    }

    private static bool HasSender(ParsedMail mail) =>
        !string.IsNullOrEmpty(mail.FromAddress) && mail.FromAddress.Contains('@', StringComparison.Ordinal);

    private string? QuarantineReason(ParsedMail mail) =>
        mail.AuthenticationFailure ?? (IsAllowed(mail.FromAddress, options.Value) ? null : "domain");

    private static string SenderName(ParsedMail mail) =>
        Truncate(mail.FromName ?? mail.FromAddress[..mail.FromAddress.IndexOf('@', StringComparison.Ordinal)], 200)!;

    private string? ThreadNumber(ParsedMail mail) =>
        ThreadTokens.NumberInSubject(mail.Subject) ?? ThreadTokens.NumberInReferences(mail.ReplyTo, options.Value.OwnDomain);

    private static QuarantinedMail Quarantined(MailRecord record, ParsedMail mail, byte[] raw, string reason) => new()
    {
        MailRecord = record,
        Reason = reason,
        FromAddress = Truncate(mail.FromAddress, 254)!,
        Subject = Truncate(mail.Subject, 400),
        Raw = raw,
        ReceivedAt = record.ProcessedAt,
    };

    public static bool IsAllowed(string address, MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        var domain = address[(address.LastIndexOf('@') + 1)..];
        return options.AllowedDomains.Exists(d => string.Equals(d.Trim().TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IngestResult?> FindAsync(string mailbox, string externalId, CancellationToken cancellationToken)
    {
        var found = await db.MailRecords.AsNoTracking().Where(r => r.Mailbox == mailbox && r.ExternalId == externalId)
            .Select(r => new { r.Outcome, r.Reason, r.RequestId }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var number = found.RequestId is { } id
            ? await db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new IngestResult(found.Outcome, found.Reason, number, AlreadyProcessed: true);
    }

    /// <summary>Saves what <paramref name="stage"/> adds for one mail; another instance that recorded the same mail first wins.</summary>
    private async Task<IngestResult> SaveOnceAsync(MailRecord record, Func<IngestResult> stage, CancellationToken cancellationToken)
    {
        try
        {
            var result = stage();
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateException)
        {
            // Another instance recorded the same mail first.
            db.ChangeTracker.Clear();
            return await FindAsync(record.Mailbox, record.ExternalId, cancellationToken) ?? throw new InvalidOperationException("The mail record could not be saved.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<IngestResult> ReplyAsync(
        Actor actor, Person person, MailRecord record, ParsedMail mail, Request request, CancellationToken cancellationToken)
    {
        var text = Truncate(mail.Text, MaxText);
        var body = string.IsNullOrWhiteSpace(text) ? "(mensaje sin texto)" : text;
        var definition = catalog.Get(request.ProcedureCode);
        var waiting = definition.State(request.State).WaitsOnRequester && request.RequesterId == actor.PersonId;
        var answered = false;
        if (waiting)
        {
            var details = await queries.GetAsync(actor, request.Number, cancellationToken);
            if (details.Actions.FirstOrDefault(a => a.Action == "responder" && a.Missing.Count == 0) is { } responder)
            {
                await actions.FireAsync(actor, request.Number, responder.Action, new ActionInput { Text = body }, cancellationToken);
                answered = true;
            }
        }

        if (!answered)
        {
            await actions.CommentAsync(actor, request.Number, body, cancellationToken);
        }

        var refused = await AttachAllAsync(actor, request.Number, mail.Attachments, cancellationToken);
        if (refused.Count > 0)
        {
            // The sender is told which files were not kept, in answer to their mail (the reply itself was kept).
            var notice = Answer(MailKinds.RefusedFiles, "mail-refused", person, record, mail, request.Number,
                $"[{request.Number}] No pudimos guardar sus archivos adjuntos", MailLetters.RefusedFiles(person.DisplayName, request.Number, refused), request.Id);
            db.OutboxMessages.Add(notice);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        LogThreaded(logger, request.Number, answered ? "responder" : "comment");
        record.RequestId = request.Id;
        return new IngestResult(MailOutcome.Comment, answered ? "responder" : null, request.Number);
    }

    /// <summary>The procedure a new mail opens (a subject keyword, else departmental sites' or the default), its title and text.</summary>
    private (string Code, string Title, string? Text) Routing(Person person, ParsedMail mail)
    {
        var o = options.Value;
        var title = Truncate(ThreadTokens.CleanSubject(mail.Subject), MaxTitle) is { Length: > 0 } t ? t : "(sin asunto)";
        var code = o.SubjectProcedures.FirstOrDefault(k => mail.Subject.Contains(k.Key, StringComparison.OrdinalIgnoreCase)).Value
            ?? (person.IsDepartmentalSite ? ProcedureCodes.SoporteSedes : o.DefaultProcedure);
        return (code, title, Truncate(mail.Text, MaxText));
    }

    /// <summary>
    /// Drafts the request a new mail asks for: the subject's procedure, and the default one when that procedure needs
    /// data the mail does not give (a refusal happens before anything is added to the unit of work).
    /// </summary>
    private async Task<RequestDraft> DraftAsync(Actor actor, Person person, ParsedMail mail, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var (code, title, text) = Routing(person, mail);
        try
        {
            return await opening.DraftAsync(actor, Command(code, title, text), cancellationToken);
        }
        catch (DomainException) when (code != o.DefaultProcedure)
        {
            return await opening.DraftAsync(actor, Command(o.DefaultProcedure, title, text), cancellationToken);
        }
    }

    private static NewRequest Command(string code, string title, string? text) =>
        new() { ProcedureCode = code, Title = title, Description = text, Channel = Channel.Mail };

    private async Task<List<string>> AttachAllAsync(Actor actor, string number, IReadOnlyList<MailAttachment> attachments, CancellationToken cancellationToken)
    {
        var refused = new List<string>();
        foreach (var file in attachments)
        {
            try
            {
                using var content = new MemoryStream(file.Content, writable: false);
                await files.AttachAsync(actor, number, AttachmentKind.Otro, file.FileName, file.ContentType, content, cancellationToken);
            }
            catch (DomainException e)
            {
                refused.Add($"{file.FileName}: {e.Message}");
            }
        }

        return refused;
    }

    /// <summary>The acknowledgement of a mail that opened a request: marked auto-replied, threaded onto the mail.</summary>
    private OutboxMessage Acknowledgement(
        Person person, MailRecord record, ParsedMail mail, string number, string title, string procedureName, List<string> refused, long? requestId = null) =>
        Answer(MailKinds.Acknowledgement, "mail-ack", person, record, mail, number, $"[{number}] Recibimos su solicitud: {title}",
            MailLetters.Acknowledgement(person.DisplayName, number, title, procedureName, refused), requestId);

    /// <summary>An automatic answer to the sender's mail (threaded onto it, sent once per mail and kind).</summary>
    private OutboxMessage Answer(
        string kind, string dedupPrefix, Person person, MailRecord record, ParsedMail mail, string number, string subject, string text, long? requestId)
    {
        var now = time.GetUtcNow();
        var dedup = $"{dedupPrefix}:{record.Mailbox}:{record.ExternalId}";
        var references = mail.ReplyTo.Reverse().Prepend(mail.MessageId).OfType<string>().Reverse().ToList();
        return new OutboxMessage
        {
            Channel = OutboxChannel.Mail,
            DedupKey = dedup.Length > 200 ? dedup[..200] : dedup,
            Kind = kind,
            RecipientId = person.Id,
            Recipient = person.Email,
            RequestId = requestId,
            RequestNumber = number,
            Subject = Truncate(subject, 400)!,
            Text = text,
            Html = MailLetters.ToHtml(text),
            Payload = JsonSerializer.Serialize(new MailThreading(mail.MessageId, references)),
            ProviderId = ThreadTokens.MessageIdFor(number, dedup, options.Value.OwnDomain),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    private static string? Truncate(string? value, int max) => MailReader.Truncate(value, max);

    /// <summary>A mail's new request, drafted, opened with the unit's others; its record and acknowledgement are saved once it has its id.</summary>
    private sealed record Staged(int Index, MailRecord Record, Person Person, ParsedMail Mail, RequestDraft Draft, bool Acknowledge);

    /// <summary>One transaction's mails: what the database knew of them, their results so far, and what waits to be saved.</summary>
    private sealed class Unit(BatchKnowledge known)
    {
        public BatchKnowledge Known { get; } = known;

        public List<IngestResult?> Results { get; } = [];

        /// <summary>Records of accepted mails (new, or a released one already stored), saved by <see cref="FlushAsync"/>.</summary>
        public List<MailRecord> Accepted { get; } = [];

        public List<Staged> Staged { get; } = [];
    }

    private static readonly Func<ILogger, string, IDisposable?> MailScope = LoggerMessage.DefineScope<string>("Mail {MessageId}");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {ExternalId} quarantined ({Reason})")]
    private static partial void LogQuarantined(ILogger logger, string externalId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {ExternalId} refused by the request service ({Kind})")]
    private static partial void LogRefused(ILogger logger, string externalId, ErrorKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the mail sender as person {PersonId} (plain user)")]
    private static partial void LogRegistered(ILogger logger, long personId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail threaded onto {Number} as {How}")]
    private static partial void LogThreaded(ILogger logger, string number, string how);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail opened {Number} ({Procedure})")]
    private static partial void LogOpened(ILogger logger, string number, string procedure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No acknowledgement for {Number}: the sender's daily cap of automatic mails was reached")]
    private static partial void LogCapped(ILogger logger, string number);
}
