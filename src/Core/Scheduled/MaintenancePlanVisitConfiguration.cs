using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Scheduled;

internal sealed class MaintenancePlanVisitConfiguration : IEntityTypeConfiguration<MaintenancePlanVisit>
{
    public void Configure(EntityTypeBuilder<MaintenancePlanVisit> builder)
    {
        builder.ToTable("MaintenancePlanVisits");
        builder.HasIndex(v => new { v.PlanId, v.OccurrenceLocal }).IsUnique();
        builder.HasIndex(v => v.VisitId).IsUnique();
        builder.HasOne<MaintenancePlan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Request>().WithMany().HasForeignKey(v => v.VisitId).OnDelete(DeleteBehavior.Restrict);
    }
}
