using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SosepBot.Core.People;

namespace SosepBot.Core.Units;

internal sealed class UnitContactConfiguration : IEntityTypeConfiguration<UnitContact>
{
    public void Configure(EntityTypeBuilder<UnitContact> builder)
    {
        builder.ToTable("UnitContacts");
        builder.HasKey(c => new { c.UnitId, c.PersonId });
        builder.HasIndex(c => c.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
