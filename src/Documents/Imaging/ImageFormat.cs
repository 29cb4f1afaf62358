namespace SosepBot.Documents.Imaging;

internal enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
}
