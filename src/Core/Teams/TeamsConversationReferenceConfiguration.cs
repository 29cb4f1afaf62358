using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SosepBot.Core.People;

namespace SosepBot.Core.Teams;

internal sealed class TeamsConversationReferenceConfiguration : IEntityTypeConfiguration<TeamsConversationReference>
{
    public void Configure(EntityTypeBuilder<TeamsConversationReference> builder)
    {
        builder.ToTable("TeamsConversationReferences");
        builder.Property(r => r.UserId).HasMaxLength(TeamsLimits.AccountId);
        builder.Property(r => r.AadObjectId).HasMaxLength(TeamsLimits.AadObjectId);
        builder.Property(r => r.TenantId).HasMaxLength(TeamsLimits.TenantId);
        builder.Property(r => r.ServiceUrl).HasMaxLength(TeamsLimits.ServiceUrl);
        builder.Property(r => r.ChannelId).HasMaxLength(TeamsLimits.ChannelId);
        builder.Property(r => r.BotId).HasMaxLength(TeamsLimits.AccountId);
        builder.Property(r => r.ConversationId).HasMaxLength(TeamsLimits.ConversationId);
        builder.HasIndex(r => r.PersonId).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
