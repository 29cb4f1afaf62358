using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SosepBot.Core.Notifications;
using SosepBot.Core.Persistence;

namespace SosepBot.Mailbox.Outgoing;

/// <summary>Mail reaches every active person with an address — when a mailbox is configured; without one, nobody.</summary>
public sealed class MailRecipientReach(SosepDbContext db, IOptions<MailboxOptions> options) : IRecipientReach
{
    public OutboxChannel Channel => OutboxChannel.Mail;

    public async Task<Reach> ReachAsync(long personId, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return Reach.No("el correo del servicio no está configurado");
        }

        return await db.People.AsNoTracking().AnyAsync(p => p.Id == personId && p.IsActive && p.Email != string.Empty, cancellationToken)
            ? Reach.Yes
            : Reach.No("sin correo registrado");
    }
}
