using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Errors;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;

namespace SosepBot.Core.SignIn;

/// <summary>
/// One-time sign-in links: a random token shown once, stored as a SHA-256 hash, valid <see cref="Lifetime"/> and
/// usable once (the first redemption marks it used in one conditional update, so two redemptions cannot both win).
/// </summary>
public sealed class LoginLinkService(SosepDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>At most <see cref="MailedPerWindow"/> links mailed to one person within this time.</summary>
    public static readonly TimeSpan MailWindow = TimeSpan.FromHours(1);

    public const int MailedPerWindow = 3;

    /// <summary>What <see cref="MailAsync"/> queues: its kind, as the outbox and the dead letters show it.</summary>
    public const string MailKind = "enlace-acceso";

    /// <summary>The mailed link's subject (a title, not a sentence; the body is <see cref="PeopleTexts.LinkMailText"/>).</summary>
    public const string MailSubject = "Su enlace de acceso a la mesa de ayuda";

    /// <summary>Issues a link for an active, registered person.</summary>
    public async Task<IssuedLoginLink> IssueAsync(string email, CancellationToken cancellationToken)
    {
        var (person, token, expires) = await AddLinkAsync(email, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedLoginLink(token, person.Email, expires);
    }

    /// <summary>
    /// Mails a new link to an active, registered person through the outbox (the link and its mail saved together, so
    /// the mail goes exactly once). Refused in Spanish when <see cref="MailedPerWindow"/> links were already mailed to
    /// them within <see cref="MailWindow"/>.
    /// </summary>
    public async Task<IssuedLoginLink> MailAsync(string email, Func<string, Uri> linkFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linkFor);
        var since = time.GetUtcNow() - MailWindow;
        var (person, token, expires) = await AddLinkAsync(email, cancellationToken);
        var mailed = await db.OutboxMessages.CountAsync(m => m.RecipientId == person.Id && m.Kind == MailKind && m.CreatedAt > since, cancellationToken);
        if (mailed >= MailedPerWindow)
        {
            db.ChangeTracker.Clear();
            throw new DomainException(ErrorKind.Conflict, PeopleTexts.TooManyLinksMailed(person.Email, MailedPerWindow));
        }

        var link = linkFor(token).AbsoluteUri;
        var letter = new OutgoingLetter(person.Id, person.Email, _ => $"{MailKind}:{Convert.ToHexString(Hash(token))}", MailKind,
            MailSubject, PeopleTexts.LinkMailText(person.DisplayName, link, (int)Lifetime.TotalMinutes), RequestId: null, RequestNumber: null);
        db.OutboxMessages.Add(letter.Message(OutboxChannel.Mail, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedLoginLink(token, person.Email, expires);
    }

    private async Task<(Person Person, string Token, DateTimeOffset ExpiresAt)> AddLinkAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = PeopleService.NormalizeEmail(email);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email == normalized, cancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, PeopleTexts.NobodyWithEmail(normalized));
        if (!person.IsActive)
        {
            throw new DomainException(ErrorKind.Forbidden, PeopleTexts.DeactivatedNoConsole(normalized));
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        db.LoginLinks.Add(new LoginLink { PersonId = person.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime });
        return (person, token, now + Lifetime);
    }

    /// <summary>The active person the token signs in, marking the link used; null when unknown, expired or used.</summary>
    public async Task<Person?> RedeemAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var now = time.GetUtcNow();
        var link = await db.LoginLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now)
        {
            return null;
        }

        var won = await db.LoginLinks.Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
        if (won == 0)
        {
            return null;
        }

        var person = await db.People.AsNoTracking().Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == link.PersonId, cancellationToken);
        return person is { IsActive: true } ? person : null;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
