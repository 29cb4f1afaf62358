using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Mail;

public sealed class QuarantinedMailConfiguration : IEntityTypeConfiguration<QuarantinedMail>
{
    public void Configure(EntityTypeBuilder<QuarantinedMail> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("QuarantinedMails");
        builder.Property(q => q.Reason).HasMaxLength(60);
        builder.Property(q => q.FromAddress).HasMaxLength(254);
        builder.Property(q => q.Subject).HasMaxLength(400);
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.RequestNumber).HasMaxLength(20);
        builder.Property(q => q.Version).IsConcurrencyToken();
        builder.HasIndex(q => q.MailRecordId).IsUnique();
        builder.HasIndex(q => q.Status);
        builder.HasOne(q => q.MailRecord).WithMany().HasForeignKey(q => q.MailRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
