using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Scheduled;

internal sealed class JobNoticeConfiguration : IEntityTypeConfiguration<JobNotice>
{
    public void Configure(EntityTypeBuilder<JobNotice> builder)
    {
        builder.ToTable("JobNotices");
        builder.Property(n => n.Key).HasMaxLength(200);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.State).HasMaxLength(60);
        builder.HasIndex(n => new { n.RequestId, n.Kind });
        builder.HasOne<Request>().WithMany().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
