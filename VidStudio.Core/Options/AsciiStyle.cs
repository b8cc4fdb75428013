namespace VidStudio.Core.Options;

/// <summary>The look of the character grid. API form values are the lower-case names.</summary>
public enum AsciiStyle
{
    Normal,
    Inverted,
    Dots,
    Gradient,
    Blocks,
    Braille,
    Edges,
    Custom,
}

/// <summary>Where each character's colour comes from.</summary>
public enum ColorMode
{
    /// <summary>Every character takes <see cref="ConversionOptions.TextColor"/> (or a random colour per frame).</summary>
    Fixed,

    /// <summary>Every character takes the average colour of the video cell it stands for.</summary>
    Source,
}
