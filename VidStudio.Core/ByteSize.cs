using System.Globalization;

namespace VidStudio.Core;

/// <summary>Byte counts as people read them in messages and pages: KB, MB or GB (binary units), one decimal at most.</summary>
public static class ByteSize
{
    private const long Kilo = 1L << 10, Mega = 1L << 20, Giga = 1L << 30;

    public static string Format(long bytes) => bytes switch
    {
        >= Giga => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Giga:0.#} GB"),
        >= Mega => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Mega:0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Kilo:0} KB"),
    };
}
