using VidStudio.Core.Frames;
using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

public static class CharacterMapper
{
    public static ICharacterMapper Create(ConversionOptions options, GridGeometry geometry) => options.Style switch
    {
        AsciiStyle.Braille => new BrailleMapper(geometry),
        AsciiStyle.Edges => new EdgeMapper(geometry, GlyphSet.RampFor(options)),
        _ => new RampMapper(geometry, GlyphSet.RampFor(options)),
    };
}
