using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Teams;

internal sealed class TeamsInboundActivityConfiguration : IEntityTypeConfiguration<TeamsInboundActivity>
{
    public void Configure(EntityTypeBuilder<TeamsInboundActivity> builder)
    {
        builder.ToTable("TeamsInboundActivities");
        builder.Property(a => a.ActivityId).HasMaxLength(TeamsLimits.ActivityId);
        builder.Property(a => a.ConversationId).HasMaxLength(TeamsLimits.ConversationId);
        builder.Property(a => a.ChannelId).HasMaxLength(TeamsLimits.ChannelId);
        builder.Property(a => a.Type).HasMaxLength(TeamsLimits.Type);
        builder.Property(a => a.LastError).HasMaxLength(1000);
        builder.Property(a => a.ResultNumber).HasMaxLength(20);
        builder.HasIndex(a => new { a.ConversationId, a.ActivityId }).IsUnique();
        builder.HasIndex(a => a.ProcessedAt);

        // The sweep's look for read-only turns claimed and not answered: the few pending rows, not every processed one.
        builder.HasIndex(a => new { a.AnswerPending, a.ProcessedAt });
    }
}
