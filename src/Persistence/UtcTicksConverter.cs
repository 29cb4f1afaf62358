using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SosepBot.Persistence;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks; reads it back as UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
