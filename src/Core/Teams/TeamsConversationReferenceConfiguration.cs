using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SosepBot.Core.People;

namespace SosepBot.Core.Teams;

internal sealed class TeamsConversationReferenceConfiguration : IEntityTypeConfiguration<TeamsConversationReference>
{
    public void Configure(EntityTypeBuilder<TeamsConversationReference> builder)
    {
        builder.ToTable("TeamsConversationReferences");
        builder.Property(r => r.UserId).HasMaxLength(300);
        builder.Property(r => r.AadObjectId).HasMaxLength(100);
        builder.Property(r => r.TenantId).HasMaxLength(100);
        builder.Property(r => r.ServiceUrl).HasMaxLength(500);
        builder.Property(r => r.ChannelId).HasMaxLength(50);
        builder.Property(r => r.BotId).HasMaxLength(300);
        builder.Property(r => r.ConversationId).HasMaxLength(300);
        builder.HasIndex(r => r.PersonId).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
