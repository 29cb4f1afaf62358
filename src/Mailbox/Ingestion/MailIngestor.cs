using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
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
/// Turns one incoming mail into a request, a comment, an ignored or a quarantined record — exactly once:
/// the mail's identity is recorded in the same transaction as the request (or comment) and its
/// acknowledgement, and a second attempt (restart, second instance) finds the record and does nothing.
/// Transports move or flag the mail only after this returns.
/// </summary>
public sealed partial class MailIngestor(
    SosepDbContext db,
    RequestService requests,
    PeopleService people,
    ProcedureCatalog catalog,
    IOptions<MailboxOptions> options,
    TimeProvider time,
    ILogger<MailIngestor> logger)
{
    private const int MaxTitle = 200;
    private const int MaxText = 8000;

    // Set while IngestBatchAsync runs (one scope, one transaction that holds the write lock; the batch is the only
    // writer): what the database knows about the batch's mails. Every failure then propagates so the caller rolls
    // the whole batch back (and redoes its mails one transaction each) instead of being handled per mail.
    private BatchKnowledge? batch;

    // The batch's new requests with their mails' records and acknowledgements, saved together by FlushAsync.
    private readonly List<Staged> staged = [];

    /// <summary>
    /// Processes several raw messages of <paramref name="mailbox"/> in ONE transaction (one commit, one disk sync):
    /// either every mail's record, request and acknowledgement is committed, or none is and this throws — the caller
    /// then redoes the mails one by one with <see cref="IngestAsync"/> so that one bad mail never blocks the others.
    /// The batch reads what the database knows about all its mails in a few queries (records, duplicates, senders,
    /// today's acknowledgements), registers its unknown senders together, and stages plain new requests without a
    /// save each; mails that thread onto a request or carry files take the one-mail path inside the same transaction.
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestBatchAsync(string mailbox, IReadOnlyList<IncomingMail> mails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A batch of mails needs its own transaction.");
        }

        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                staged.Clear();
                var readings = mails.Select(m => Read(mailbox, m.ExternalId, m.Raw)).ToList();
                var known = batch = await BatchKnowledge.LoadAsync(db, mailbox, readings.Select(r => r.Record).ToList(), time.GetUtcNow().AddDays(-1), ct);
                await RegisterSendersAsync(readings, known, ct);
                var results = new List<IngestResult>(readings.Count);
                foreach (var reading in readings)
                {
                    results.Add(await IngestReadAsync(reading, known, ct));
                }

                await FlushAsync(ct);
                return results;
            }, cancellationToken);
        }
        finally
        {
            batch = null;
            staged.Clear();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The firewall, duplicate and routing decisions of one mail of a batch, with what the batch knows.</summary>
    private async Task<IngestResult> IngestReadAsync(Reading reading, BatchKnowledge known, CancellationToken cancellationToken)
    {
        var record = reading.Record;
        if (known.Recorded.Contains(record.ExternalId))
        {
            return await FindAsync(record.Mailbox, record.ExternalId, cancellationToken)
                ?? throw new InvalidOperationException("A recorded mail disappeared during the batch.");
        }

        using var scope = MailScope(logger, reading.Mail?.MessageId ?? record.ExternalId);
        IngestResult result;
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
            result = StageQuarantine(record, mail, reading.Raw, quarantine);
        }
        else
        {
            result = await AcceptInBatchAsync(record, mail, known, cancellationToken);
        }

        if (result.Outcome != MailOutcome.Duplicate && record.MessageId is { } recorded)
        {
            known.Messages.Add((recorded, record.Sha256));
        }

        return result;
    }

    /// <summary>Adds the mail's record alone, with its outcome, to the unit of work (a batch's, or one mail's).</summary>
    private IngestResult StageRecordOnly(MailRecord record, MailOutcome outcome, string reason)
    {
        record.Outcome = outcome;
        record.Reason = reason;
        db.MailRecords.Add(record);
        return new IngestResult(outcome, reason);
    }

    /// <summary>Adds the mail's record and the held copy IT staff review to the unit of work.</summary>
    private IngestResult StageQuarantine(MailRecord record, ParsedMail mail, byte[] raw, string reason)
    {
        LogQuarantined(logger, record.ExternalId, reason);
        var result = StageRecordOnly(record, MailOutcome.Quarantined, reason);
        db.QuarantinedMails.Add(Quarantined(record, mail, raw, reason));
        return result;
    }

    /// <summary>Registers, in one save, every unknown sender of the batch whose mail will be accepted.</summary>
    private async Task RegisterSendersAsync(List<Reading> readings, BatchKnowledge known, CancellationToken cancellationToken)
    {
        if (!options.Value.RegisterUnknownSenders)
        {
            return;
        }

        var unknown = readings
            .Where(r => r.Mail is { } m && !known.Recorded.Contains(r.Record.ExternalId) && HasSender(m) && QuarantineReason(m) is null
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

    private async Task<IngestResult> AcceptInBatchAsync(MailRecord record, ParsedMail mail, BatchKnowledge known, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var person = known.Senders.GetValueOrDefault(PeopleService.NormalizeEmail(mail.FromAddress));
        var actor = PeopleService.ActorOf(person, Channel.Mail);
        Acted acted;
        if (actor is null)
        {
            acted = new Acted(MailOutcome.Refused, "unknown-sender", null, null);
            db.MailRecords.Add(record);
        }
        else if (mail.Attachments.Count > 0 || ThreadNumber(mail) is not null)
        {
            // Files and replies take the one-mail path (it saves as it goes) after what is staged so far is saved.
            await FlushAsync(cancellationToken);
            acted = await ActAsync(record, mail, alwaysRegister: false, cancellationToken);
            db.MailRecords.Add(record);
        }
        else
        {
            var (stagedRequest, name) = await StageRequestAsync(actor, person!, mail, cancellationToken);
            var request = stagedRequest.Request;
            var address = record.FromAddress ?? string.Empty;
            var ack = known.SentToday.GetValueOrDefault(address) >= o.MaxAutoRepliesPerDay
                ? null
                : Acknowledgement(person!, record, mail, request.Number, request.Title, name, []);
            if (ack is null)
            {
                LogCapped(logger, request.Number);
            }

            staged.Add(new Staged(record, stagedRequest, ack));
            LogOpened(logger, request.Number, request.ProcedureCode);
            acted = new Acted(MailOutcome.Request, null, null, request.Number);
        }

        record.Outcome = acted.Outcome;
        record.Reason = acted.Reason;
        record.RequestId = acted.RequestId;
        if (acted.Outcome == MailOutcome.Request && record.FromAddress is { } from)
        {
            known.SentToday[from] = known.SentToday.GetValueOrDefault(from) + 1;
        }

        if (acted.RequestId is not null)
        {
            // The one-mail path saved its request already: save its record now, as the one-mail path does.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return new IngestResult(acted.Outcome, acted.Reason, acted.Number);
    }

    /// <summary>A new request staged in the unit of work (the subject's procedure where its data can be read, else the default).</summary>
    private async Task<(StagedRequest Staged, string ProcedureName)> StageRequestAsync(Actor actor, Person person, ParsedMail mail, CancellationToken cancellationToken)
    {
        var request = await OpenRoutedAsync(person, mail, command => requests.StageOpenAsync(actor, command, cancellationToken));
        return (request, catalog.Get(request.Request.ProcedureCode).Name);
    }

    /// <summary>
    /// Saves what the batch staged: what the unit of work holds (the year's counter, mails only recorded, quarantined
    /// mail) through EF Core, then the new requests with their history and events, and the mails' records and
    /// acknowledgements, row after row with one prepared statement per table (<see cref="SosepDbContext.InsertAsync{T}"/>).
    /// </summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await requests.SaveStagedAsync(staged.Select(s => s.Request).ToList(), cancellationToken);
        foreach (var (record, request, ack) in staged)
        {
            record.RequestId = request.Request.Id;
            ack?.RequestId = request.Request.Id;
        }

        await db.InsertAsync(staged.Select(s => s.Record).ToList(), cancellationToken);
        await db.InsertAsync(staged.Select(s => s.Acknowledgement).OfType<OutboxMessage>().ToList(), cancellationToken);
        staged.Clear();
        db.ChangeTracker.Clear();
    }

    /// <summary>The size check, parse and automatic-mail check of one raw message (no database).</summary>
    private Reading Read(string mailbox, string externalId, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var o = options.Value;
        var record = new MailRecord
        {
            Mailbox = mailbox,
            ExternalId = externalId,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(raw)),
            ProcessedAt = time.GetUtcNow(),
        };
        if (raw.Length > o.MaxMessageBytes)
        {
            return new Reading(record, raw, null, MailOutcome.Refused, "too-large");
        }

        ParsedMail mail;
        try
        {
            mail = Parse(raw);
        }
        catch (FormatException)
        {
            return new Reading(record, raw, null, MailOutcome.Refused, "unreadable");
        }

        record.MessageId = Truncate(mail.MessageId, 400);
        record.FromAddress = Truncate(mail.FromAddress, 254);
        record.Subject = Truncate(mail.Subject, 400);
        if (mail.AutomaticReason is { } automatic)
        {
            LogIgnored(logger, externalId, automatic);
            return new Reading(record, raw, null, MailOutcome.Ignored, automatic);
        }

        return new Reading(record, raw, mail, MailOutcome.Request, null);
    }

    /// <summary>Processes one raw message of <paramref name="mailbox"/> whose identity there is <paramref name="externalId"/>.</summary>
    public async Task<IngestResult> IngestAsync(string mailbox, string externalId, byte[] raw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (await FindAsync(mailbox, externalId, cancellationToken) is { } known)
        {
            return known;
        }

        var reading = Read(mailbox, externalId, raw);
        var record = reading.Record;
        if (reading.Mail is not { } mail)
        {
            return await RecordOnlyAsync(record, reading.Outcome, reading.Reason!, cancellationToken);
        }

        using var scope = MailScope(logger, mail.MessageId ?? externalId);
        if (mail.MessageId is { } messageId && await db.MailRecords.AnyAsync(
                r => r.MessageId == messageId && r.Sha256 == record.Sha256 && r.Outcome != MailOutcome.Duplicate, cancellationToken))
        {
            return await RecordOnlyAsync(record, MailOutcome.Duplicate, "same-message", cancellationToken);
        }

        if (!HasSender(mail))
        {
            return await RecordOnlyAsync(record, MailOutcome.Ignored, "no-sender", cancellationToken);
        }

        if (QuarantineReason(mail) is { } quarantine)
        {
            return await QuarantineAsync(record, mail, raw, quarantine, cancellationToken);
        }

        return await AcceptAsync(record, mail, null, cancellationToken);
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

    /// <summary>Processes a quarantined mail as if it had been allowed (staff released it). The sender is registered when unknown.</summary>
    internal async Task<IngestResult> ReleaseAsync(MailRecord record, byte[] raw, Func<IngestResult, CancellationToken, Task> inSameTransaction, CancellationToken cancellationToken)
    {
        return await AcceptAsync(record, Parse(raw), inSameTransaction, cancellationToken);
    }

    /// <summary>The raw message parsed (a <see cref="FormatException"/> when it is not MIME at all).</summary>
    private ParsedMail Parse(byte[] raw)
    {
        MailEncodings.Register();
        using var stream = new MemoryStream(raw, writable: false);
        return MailParser.Parse(MimeMessage.Load(stream), options.Value);
    }

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

    private Task<IngestResult> RecordOnlyAsync(MailRecord record, MailOutcome outcome, string reason, CancellationToken cancellationToken) =>
        SaveOnceAsync(record, () => StageRecordOnly(record, outcome, reason), cancellationToken);

    private Task<IngestResult> QuarantineAsync(MailRecord record, ParsedMail mail, byte[] raw, string reason, CancellationToken cancellationToken) =>
        SaveOnceAsync(record, () => StageQuarantine(record, mail, raw, reason), cancellationToken);

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

    private async Task<IngestResult> AcceptAsync(
        MailRecord record, ParsedMail mail, Func<IngestResult, CancellationToken, Task>? release, CancellationToken cancellationToken)
    {
        var existing = release is not null;
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                if (existing)
                {
                    db.MailRecords.Attach(record);
                }
                else
                {
                    // Claim the mail first: a second instance blocks on (or fails at) this unique row until we commit.
                    record.Outcome = MailOutcome.Request;
                    db.MailRecords.Add(record);
                }

                await db.SaveChangesAsync(ct);
                var recordId = record.Id;
                db.ChangeTracker.Clear();
                var result = await ActAsync(record, mail, alwaysRegister: existing, ct);
                await db.MailRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Outcome, result.Outcome)
                    .SetProperty(r => r.Reason, result.Reason)
                    .SetProperty(r => r.RequestId, result.RequestId), ct);
                var outcome = new IngestResult(result.Outcome, result.Reason, result.Number);
                if (release is not null)
                {
                    await release(outcome, ct);
                }

                return outcome;
            }, cancellationToken);
        }
        catch (DbUpdateException) when (!existing)
        {
            db.ChangeTracker.Clear();
            var found = await FindAsync(record.Mailbox, record.ExternalId, cancellationToken);
            if (found is null)
            {
                throw;
            }

            return found;
        }
        catch (DomainException e) when (batch is null)
        {
            // The request service refused (bad data): nothing of it was kept; remember the mail as refused.
            db.ChangeTracker.Clear();
            LogRefused(logger, record.ExternalId, e.Kind);
            if (existing)
            {
                throw;
            }

            record.Id = 0;
            return await RecordOnlyAsync(record, MailOutcome.Refused, "refused:" + e.Kind.ToString().ToLowerInvariant(), cancellationToken);
        }
    }

    private async Task<Acted> ActAsync(MailRecord record, ParsedMail mail, bool alwaysRegister, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var email = PeopleService.NormalizeEmail(mail.FromAddress);
        var person = batch is not null && batch.Senders.TryGetValue(email, out var cached) ? cached : await people.FindByEmailAsync(mail.FromAddress, cancellationToken);
        if (person is null && (o.RegisterUnknownSenders || alwaysRegister))
        {
            person = await people.UpsertAsync(new PersonInput { Email = mail.FromAddress, DisplayName = SenderName(mail) }, cancellationToken);
            LogRegistered(logger, person.Id);
        }

        var actor = PeopleService.ActorOf(person, Channel.Mail);
        if (actor is null)
        {
            return new Acted(MailOutcome.Refused, "unknown-sender", null, null);
        }

        if (ThreadNumber(mail) is { } number)
        {
            var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
            if (request is not null && await TakesPartAsync(request, actor, cancellationToken))
            {
                return await ReplyAsync(actor, person!, record, mail, request, cancellationToken);
            }
        }

        return await OpenAsync(actor, person!, record, mail, cancellationToken);
    }

    private async Task<bool> TakesPartAsync(Request request, Actor actor, CancellationToken cancellationToken) =>
        request.RequesterId == actor.PersonId || request.AssigneeId == actor.PersonId
        || await db.AuditEntries.AnyAsync(a => a.RequestId == request.Id && a.ActorId == actor.PersonId, cancellationToken)
        || await db.Comments.AnyAsync(c => c.RequestId == request.Id && c.AuthorId == actor.PersonId, cancellationToken);

    private async Task<Acted> ReplyAsync(
        Actor actor, Person person, MailRecord record, ParsedMail mail, Request request, CancellationToken cancellationToken)
    {
        var text = Truncate(mail.Text, MaxText);
        var body = string.IsNullOrWhiteSpace(text) ? "(mensaje sin texto)" : text;
        var definition = catalog.Get(request.ProcedureCode);
        var waiting = definition.State(request.State).WaitsOnRequester && request.RequesterId == actor.PersonId;
        var answered = false;
        if (waiting)
        {
            var details = await requests.GetAsync(actor, request.Number, cancellationToken);
            if (details.Actions.FirstOrDefault(a => a.Action == "responder" && a.Missing.Count == 0) is { } responder)
            {
                await requests.FireAsync(actor, request.Number, responder.Action, new ActionInput { Text = body }, cancellationToken);
                answered = true;
            }
        }

        if (!answered)
        {
            await requests.CommentAsync(actor, request.Number, body, cancellationToken);
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
        return new Acted(MailOutcome.Comment, answered ? "responder" : null, request.Id, request.Number);
    }

    private async Task<Acted> OpenAsync(Actor actor, Person person, MailRecord record, ParsedMail mail, CancellationToken cancellationToken)
    {
        var created = await OpenRoutedAsync(person, mail, command => requests.OpenAsync(actor, command, cancellationToken));
        db.ChangeTracker.Clear();
        var number = created.Number;
        var requestId = await db.Requests.Where(r => r.Number == number).Select(r => r.Id).FirstAsync(cancellationToken);
        var refused = await AttachAllAsync(actor, number, mail.Attachments, cancellationToken);
        await QueueAcknowledgementAsync(person, record, mail, requestId, created, refused, cancellationToken);
        LogOpened(logger, number, created.ProcedureCode);
        return new Acted(MailOutcome.Request, null, requestId, number);
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
    /// Opens (or stages) the request a new mail asks for: the subject's procedure, and the default one when that
    /// procedure needs data the mail does not give (a refusal happens before anything is added to the unit of work).
    /// </summary>
    private async Task<T> OpenRoutedAsync<T>(Person person, ParsedMail mail, Func<NewRequest, Task<T>> open)
    {
        var o = options.Value;
        var (code, title, text) = Routing(person, mail);
        try
        {
            return await open(Command(code, title, text));
        }
        catch (DomainException) when (code != o.DefaultProcedure)
        {
            return await open(Command(o.DefaultProcedure, title, text));
        }
    }

    private static NewRequest Command(string code, string title, string? text) =>
        new() { ProcedureCode = code, Title = title, Description = text, Channel = Channel.Mail };

    private async Task<List<string>> AttachAllAsync(Actor actor, string number, IReadOnlyList<MailAttachment> files, CancellationToken cancellationToken)
    {
        var refused = new List<string>();
        foreach (var file in files)
        {
            try
            {
                using var content = new MemoryStream(file.Content, writable: false);
                await requests.AttachAsync(actor, number, AttachmentKind.Otro, file.FileName, file.ContentType, content, cancellationToken);
            }
            catch (DomainException e)
            {
                refused.Add($"{file.FileName}: {e.Message}");
            }
        }

        return refused;
    }

    private async Task QueueAcknowledgementAsync(
        Person person, MailRecord record, ParsedMail mail, long requestId, RequestSummary created, List<string> refused, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var since = now.AddDays(-1);
        // Every acknowledgement answers a mail that opened a request: count those (indexed by sender and time).
        var address = record.FromAddress;
        var sentToday = await db.MailRecords.CountAsync(
            r => r.FromAddress == address && r.ProcessedAt > since && r.Outcome == MailOutcome.Request && r.Id != record.Id, cancellationToken);
        if (sentToday >= o.MaxAutoRepliesPerDay)
        {
            LogCapped(logger, created.Number);
            return;
        }

        db.OutboxMessages.Add(Acknowledgement(person, record, mail, created.Number, created.Title, created.ProcedureName, refused, requestId));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
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

    private static string? Truncate(string? value, int max) => value is { } v && v.Length > max ? v[..max] : value;

    private sealed record Acted(MailOutcome Outcome, string? Reason, long? RequestId, string? Number);

    /// <summary>A mail after the checks that need no database; <see cref="Mail"/> is null when that already decided its outcome.</summary>
    private sealed record Reading(MailRecord Record, byte[] Raw, ParsedMail? Mail, MailOutcome Outcome, string? Reason);

    /// <summary>A request staged by the batch, with the mail's record and acknowledgement saved once the request has its id.</summary>
    private sealed record Staged(MailRecord Record, StagedRequest Request, OutboxMessage? Acknowledgement);

    private static readonly Func<ILogger, string, IDisposable?> MailScope = LoggerMessage.DefineScope<string>("Mail {MessageId}");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {ExternalId} ignored as automatic ({Reason})")]
    private static partial void LogIgnored(ILogger logger, string externalId, string reason);

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
