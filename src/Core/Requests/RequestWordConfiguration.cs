using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SosepBot.Core.Requests;

/// <summary>
/// The RequestWords table: keyed by (RequestId, Word) — a request's words, read and rewritten when its texts change —
/// and indexed by (Word, RequestId), which serves the search's word-prefix ranges alone (the request ids are in the index).
/// </summary>
public sealed class RequestWordConfiguration : IEntityTypeConfiguration<RequestWord>
{
    public void Configure(EntityTypeBuilder<RequestWord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("RequestWords");
        builder.HasKey(w => new { w.RequestId, w.Word });
        builder.Property(w => w.Word).HasMaxLength(SearchText.MaxWordLength);
        builder.HasIndex(w => new { w.Word, w.RequestId });
        builder.HasOne(w => w.Request).WithMany().HasForeignKey(w => w.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
