using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SosepBot.Core.People;

namespace SosepBot.Core.Requests;

internal sealed class RequestTesterConfiguration : IEntityTypeConfiguration<RequestTester>
{
    public void Configure(EntityTypeBuilder<RequestTester> builder)
    {
        builder.ToTable("RequestTesters");
        builder.HasIndex(t => new { t.RequestId, t.PersonId }).IsUnique();
        builder.HasIndex(t => t.PersonId);
        builder.HasOne<Request>().WithMany().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.NamedById).OnDelete(DeleteBehavior.Restrict);
    }
}
