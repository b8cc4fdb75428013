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
