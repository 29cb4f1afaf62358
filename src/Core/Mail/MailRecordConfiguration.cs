using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Mail;

public sealed class MailRecordConfiguration : IEntityTypeConfiguration<MailRecord>
{
    public void Configure(EntityTypeBuilder<MailRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("MailRecords");
        builder.Property(m => m.Mailbox).HasMaxLength(300);
        builder.Property(m => m.ExternalId).HasMaxLength(300);
        builder.HasIndex(m => new { m.Mailbox, m.ExternalId }).IsUnique();
        builder.Property(m => m.MessageId).HasMaxLength(400);
        builder.HasIndex(m => m.MessageId);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Reason).HasMaxLength(60);
        builder.Property(m => m.FromAddress).HasMaxLength(254);
        builder.HasIndex(m => new { m.FromAddress, m.ProcessedAt });
        builder.Property(m => m.Subject).HasMaxLength(400);
    }
}
