using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Notifications;

/// <summary>The OutboxMessages table.</summary>
public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.DedupKey).HasMaxLength(200);
        builder.HasIndex(m => m.DedupKey).IsUnique();
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.Recipient).HasMaxLength(254);
        builder.Property(m => m.RequestNumber).HasMaxLength(20);
        builder.Property(m => m.Subject).HasMaxLength(400);
        builder.Property(m => m.ProviderId).HasMaxLength(400);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
