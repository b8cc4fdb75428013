using VidStudio.Core.Mapping;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class FontSetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fontset-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_text_file_and_a_truncated_font_are_refused_with_a_reason()
    {
        var text = Write("notes.ttf", "not a font at all\n"u8.ToArray());
        var truncated = Write("cut.ttf", File.ReadAllBytes(FontSet.DefaultMonoPath)[..4096]);

        foreach (var path in new[] { text, truncated })
        {
            var (font, error) = FontSet.TryLoad(path);
            Assert.Null(font);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Fact]
    public void Every_bundled_font_loads_as_a_monospace_font_for_letters()
    {
        foreach (var bundled in BundledFonts.All.Where(f => File.Exists(f.Path)))
        {
            var (font, error) = FontSet.TryLoad(bundled.Path);
            Assert.True(font is not null, $"{bundled.Name}: {error}");
            using (font)
            {
                Assert.Equal(bundled.Family, font.Family);
                Assert.True(font.IsMonospace, bundled.Name);
                Assert.InRange(font.CellAspect, 0.4, 0.6);
            }
        }

        Assert.Equal(ConversionOptions.DefaultFont, BundledFonts.All[0].Name);
    }

    [Fact]
    public void The_atlas_cache_keeps_each_fonts_tiles_apart()
    {
        using var dejaVu = new FontSet();
        using var serif = new FontSet("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
        var cache = new GlyphAtlasCache(8);
        var glyphs = GlyphSet.PrintableAscii;

        var first = cache.Get(dejaVu, glyphs, 12, 24, stippledShades: false);

        Assert.Same(first, cache.Get(dejaVu, glyphs, 12, 24, stippledShades: false));
        Assert.NotSame(first, cache.Get(serif, glyphs, 12, 24, stippledShades: false));
    }

    [Theory]
    [InlineData("my-font_2.0", true)]
    [InlineData("", false)]
    [InlineData("../escape", false)]
    [InlineData("with space", false)]
    [InlineData("-leading", false)]
    public void A_font_name_keeps_to_letters_digits_and_dashes(string name, bool valid) =>
        Assert.Equal(valid, FontNames.Check(name) is null);
}
