namespace SosepBot.Documents.Imaging;

/// <summary>
/// An image's stored pixel size and its EXIF orientation (1–8; 1 when absent): phones store a portrait photo as a
/// landscape image plus "rotate 90°". <see cref="DisplayWidth"/> and <see cref="DisplayHeight"/> are the size as seen.
/// </summary>
internal sealed record ImageFormatInfo(ImageFormat Format, int Width, int Height, int Orientation = 1)
{
    /// <summary>Orientations 5–8 turn the image a quarter: width and height swap on screen.</summary>
    public bool QuarterTurn => Orientation is >= 5 and <= 8;

    public int DisplayWidth => QuarterTurn ? Height : Width;

    public int DisplayHeight => QuarterTurn ? Width : Height;

    /// <summary>How to draw the stored pixels so they look right: mirror left–right first, then turn clockwise by the angle.</summary>
    public (int ClockwiseDegrees, bool Mirror) Transform => Orientation switch
    {
        2 => (0, true),
        3 => (180, false),
        4 => (180, true),
        5 => (270, true),
        6 => (90, false),
        7 => (90, true),
        8 => (270, false),
        _ => (0, false),
    };
}
