using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SosepBot.Core.People;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Units;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("Units");
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.NameKey).HasMaxLength(200);
        builder.HasIndex(u => u.NameKey).IsUnique();
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(u => u.Department).HasMaxLength(40);
        builder.Property(u => u.SharedMailbox).HasMaxLength(254);
        builder.HasOne<Person>().WithMany().HasForeignKey(u => u.HeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(u => u.Contacts).WithOne().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Cascade);

        // The people of a unit and the maintenance visits to it.
        builder.HasMany<Person>().WithOne().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<Request>().WithOne().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
