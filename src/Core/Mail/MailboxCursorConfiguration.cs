using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Mail;

public sealed class MailboxCursorConfiguration : IEntityTypeConfiguration<MailboxCursor>
{
    public void Configure(EntityTypeBuilder<MailboxCursor> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("MailboxCursors");
        builder.HasKey(c => c.Mailbox);
        builder.Property(c => c.Mailbox).HasMaxLength(300);
        builder.Property(c => c.Value).HasMaxLength(4000);
    }
}
