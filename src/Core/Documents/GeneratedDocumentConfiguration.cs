using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SosepBot.Core.Attachments;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Documents;

internal sealed class GeneratedDocumentConfiguration : IEntityTypeConfiguration<GeneratedDocument>
{
    public void Configure(EntityTypeBuilder<GeneratedDocument> builder)
    {
        builder.ToTable("GeneratedDocuments");
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(d => d.Fingerprint).HasMaxLength(64);
        builder.HasIndex(d => new { d.RequestId, d.Kind, d.Version }).IsUnique();
        builder.HasIndex(d => d.AttachmentId).IsUnique();
        builder.HasOne<Request>().WithMany().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Attachment>().WithMany().HasForeignKey(d => d.AttachmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
