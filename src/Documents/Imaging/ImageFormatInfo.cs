namespace SosepBot.Documents.Imaging;

internal sealed record ImageFormatInfo(ImageFormat Format, int Width, int Height);
