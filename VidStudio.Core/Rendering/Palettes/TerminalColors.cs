namespace VidStudio.Core.Rendering.Palettes;

/// <summary>How ANSI text names a palette's colours.</summary>
public enum TerminalColors
{
    /// <summary>By value: SGR <c>38;2;r;g;b</c> / <c>48;2;r;g;b</c>.</summary>
    TrueColor,

    /// <summary>By xterm-256 index, which is the colour's index in the palette: <c>38;5;N</c> / <c>48;5;N</c>.</summary>
    Indexed256,

    /// <summary>By the 16 standard colours' codes (the palette's index): <c>30–37</c>, <c>90–97</c>; backgrounds <c>40–47</c>, <c>100–107</c>.</summary>
    Standard16,
}
