namespace VidStudio.Core.Options;

/// <summary>Where each character's colour comes from.</summary>
public enum ColorMode
{
    /// <summary>Every character takes <see cref="ConversionOptions.TextColor"/> (or a random colour per frame).</summary>
    Fixed,

    /// <summary>Every character takes the average colour of the video cell it stands for.</summary>
    Source,

    /// <summary>
    /// Two colours per cell: the glyph takes the average colour of the pixels it covers, the cell's background the
    /// average of the rest — what makes a character grid look like the picture from a distance.
    /// </summary>
    Cell,
}
