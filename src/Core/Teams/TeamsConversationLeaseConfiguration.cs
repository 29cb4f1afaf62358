using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Teams;

internal sealed class TeamsConversationLeaseConfiguration : IEntityTypeConfiguration<TeamsConversationLease>
{
    public void Configure(EntityTypeBuilder<TeamsConversationLease> builder)
    {
        builder.ToTable("ConversationLeases");
        builder.HasKey(l => l.ConversationId);
        builder.Property(l => l.ConversationId).HasMaxLength(TeamsLimits.ConversationId);
        builder.Property(l => l.Holder).HasMaxLength(TeamsLimits.InstanceId);
    }
}
