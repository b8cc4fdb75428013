namespace VidStudio.Core.Options;

/// <summary>
/// The form of a font's name, bundled or uploaded: it travels in form fields, JSON and URL paths
/// (<c>DELETE /api/v1/fonts/{name}</c>), so it keeps to letters, digits and <c>-_.</c>, starting with a letter or digit.
/// </summary>
public static class FontNames
{
    /// <summary>The error message for <paramref name="name"/>, or null when it is a well-formed font name.</summary>
    public static string? Check(string name) =>
        name.Length is > 0 and <= ConversionOptions.MaxFontNameLength && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : $"A font name has 1 to {ConversionOptions.MaxFontNameLength} letters, digits, '-', '_' or '.', starting with a letter or digit (got '{name}').";
}
