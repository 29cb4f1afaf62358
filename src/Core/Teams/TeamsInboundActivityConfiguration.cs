using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Teams;

internal sealed class TeamsInboundActivityConfiguration : IEntityTypeConfiguration<TeamsInboundActivity>
{
    public void Configure(EntityTypeBuilder<TeamsInboundActivity> builder)
    {
        builder.ToTable("TeamsInboundActivities");
        builder.Property(a => a.ActivityId).HasMaxLength(150);
        builder.Property(a => a.ConversationId).HasMaxLength(300);
        builder.Property(a => a.ChannelId).HasMaxLength(50);
        builder.Property(a => a.Type).HasMaxLength(50);
        builder.Property(a => a.LastError).HasMaxLength(1000);
        builder.Property(a => a.ResultNumber).HasMaxLength(20);
        builder.HasIndex(a => new { a.ConversationId, a.ActivityId }).IsUnique();
        builder.HasIndex(a => a.ProcessedAt);
    }
}
