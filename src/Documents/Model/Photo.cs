using SosepBot.Documents.Imaging;

namespace SosepBot.Documents.Model;

/// <summary>A photo of the equipment; <see cref="Info"/> is null when its format cannot be placed in a document.</summary>
internal sealed record Photo(string FileName, byte[] Data, ImageFormatInfo? Info);
