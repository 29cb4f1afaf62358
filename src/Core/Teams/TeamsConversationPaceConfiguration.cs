using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Teams;

internal sealed class TeamsConversationPaceConfiguration : IEntityTypeConfiguration<TeamsConversationPace>
{
    public void Configure(EntityTypeBuilder<TeamsConversationPace> builder)
    {
        builder.ToTable("ConversationSendPaces");
        builder.HasKey(p => p.ConversationId);
        builder.Property(p => p.ConversationId).HasMaxLength(TeamsLimits.ConversationId);
    }
}
