namespace VidStudio.Core.Options;

/// <summary>Where each character's colour comes from.</summary>
public enum ColorMode
{
    /// <summary>Every character takes <see cref="ConversionOptions.TextColor"/> (or a random colour per frame).</summary>
    Fixed,

    /// <summary>Every character takes the average colour of the video cell it stands for.</summary>
    Source,
}
