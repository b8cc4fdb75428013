using VidStudio.Core.Frames;
using VidStudio.Core.Mapping.Dithering;
using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

public static class CharacterMapper
{
    /// <param name="masksOf">The rendered glyphs' coverage at a density: shape matching compares cells against them.</param>
    public static ICharacterMapper Create(ConversionOptions options, GridGeometry geometry, Func<GlyphSet, SampleDensity, GlyphMasks> masksOf) =>
        options.Style switch
        {
            AsciiStyle.Braille => new BrailleMapper(geometry),
            AsciiStyle.Edges => new EdgeMapper(geometry, GlyphSet.RampFor(options), Dither.For(options)),
            _ when options.Style.MatchesShapes() => Shape(options, geometry, GlyphSet.For(options), masksOf),
            _ => new RampMapper(geometry, GlyphSet.RampFor(options), Dither.For(options)),
        };

    private static ShapeMapper Shape(ConversionOptions options, GridGeometry geometry, GlyphSet glyphs, Func<GlyphSet, SampleDensity, GlyphMasks> masksOf)
    {
        var tones = options.ColorMode == ColorMode.Cell ? ShapeTones.Free : ShapeTones.Fixed(options.Background.Luma, options.Foreground.Luma);
        return new ShapeMapper(geometry, glyphs, masksOf(glyphs, SampleDensity.Shape), tones, options.Stability);
    }
}
