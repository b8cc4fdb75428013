using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Output.HtmlPlayer;

/// <summary>
/// A self-contained player page (<see cref="HtmlPlayerOutput.FileName"/>) that opens from disk with no server and no
/// network: the page draws each frame the way the PNGs are drawn — every cell's glyph tile from the job's own atlas,
/// blended with the same integer formula — so it shows the PNG frames without storing them. What it embeds, each
/// zlib-compressed and base64 (the page inflates them with the browser's <c>DecompressionStream</c>):
/// <list type="bullet">
/// <item>the glyph atlas (coverage tiles) and the cell edges;</item>
/// <item>one fixed-size record per frame (<see cref="CellDrawing"/>), so the page seeks to any frame by arithmetic;</item>
/// <item>the source's audio as Opus (not compressed again); the frames follow the audio's clock, so they stay in sync.</item>
/// </list>
/// Frames stream into a partial file as they come; <see cref="CompleteAsync"/> assembles the page.
/// </summary>
public sealed class HtmlPlayerWriter : IDisposable
{
    /// <summary>
    /// The most frame bytes a page may inflate. The browser holds them all at once, and their base64 text must stay
    /// well within a JavaScript string (~512 M characters) even where they compress poorly (colours of noisy footage).
    /// </summary>
    public const long MaxFrameBytes = 512L * 1024 * 1024;

    private static readonly string[] TemplateParts = LoadTemplate();

    private readonly string _path, _framesPath;
    private readonly FileStream _framesFile;
    private readonly ZLibStream _frames;
    private readonly AudioTrackExtractor? _audio;
    private readonly GlyphAtlas _atlas;
    private readonly GlyphSet _glyphs;
    private readonly FramePalette _palette;
    private readonly CellDrawing _drawing;
    private readonly double _fps;
    private readonly byte[] _record;

    /// <param name="audioSource">The video whose audio track the page plays; null when it has none.</param>
    public HtmlPlayerWriter(
        string path, FrameLayout layout, GlyphAtlas atlas, GlyphSet glyphs, ConversionOptions options, FramePalette palette, FrameRate rate,
        FfmpegTools tools, string? audioSource, CancellationToken cancellationToken)
    {
        (_path, _atlas, _glyphs, _palette, _fps) = (path, atlas, glyphs, palette, rate.Value);
        _drawing = CellDrawing.For(layout, atlas, glyphs.Count, options);
        _record = new byte[_drawing.RecordBytes];
        _framesPath = path + ".frames" + ArtifactNames.PartialSuffix;
        _framesFile = new FileStream(_framesPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024);
        // Fastest: frames of glyph indices and colours compress nearly as well at level 1, at a fraction of the CPU.
        _frames = new ZLibStream(_framesFile, CompressionLevel.Fastest, leaveOpen: true);
        try
        {
            _audio = audioSource is null ? null : AudioTrackExtractor.Start(tools, audioSource, path + ".audio" + ArtifactNames.PartialSuffix, cancellationToken);
        }
        catch
        {
            // No writer to dispose exists yet: the frames file would stay open, and on disk.
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Why a player of <paramref name="frames"/> frames of <paramref name="geometry"/> cannot be made, or null: checked
    /// when the conversion is planned, so a request that could only produce a page no browser plays is refused up front.
    /// </summary>
    public static string? CheckSize(GridGeometry geometry, long frames, int glyphCount, ConversionOptions options)
    {
        var bytes = frames * CellDrawing.RecordBytesOf(geometry.Columns * geometry.Rows, glyphCount, options);
        return bytes <= MaxFrameBytes
            ? null
            : $"save_html: the player would hold {ByteSize.Format(bytes)} of frames in the browser ({frames} frames of {geometry.Columns}x{geometry.Rows} characters); " +
              $"at most {ByteSize.Format(MaxFrameBytes)} fit in a browser tab. Choose a smaller width, a lower fps or a shorter video, or leave save_html off.";
    }

    /// <summary>Compressed frame bytes so far (the page ends up ~4/3 of this plus the audio).</summary>
    public long BytesWritten => _framesFile.Length;

    /// <summary>Appends the current frame (its colours are the palette's, set for this frame).</summary>
    public void AddFrame(ReadOnlySpan<ushort> cells)
    {
        _drawing.WriteRecord(cells, _palette, _record);
        _frames.Write(_record);
    }

    /// <summary>Waits for the audio, then writes the page under its final name; returns its size in bytes.</summary>
    public async Task<long> CompleteAsync(int frames, CancellationToken cancellationToken)
    {
        _frames.Dispose();
        _framesFile.Position = 0;
        if (_audio is not null)
        {
            await _audio.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // The symbols the glyph indices stand for, so the page can show a frame as text (JSON keeps surrogate pairs whole).
        var meta = JsonSerializer.Serialize(new PlayerMeta(_drawing, _fps, frames, _glyphs.Characters), PlayerJson.Default.PlayerMeta);
        return AtomicFile.Write(_path, (this, meta), static (stream, state) =>
        {
            var (writer, meta) = state;
            var parts = TemplateParts;
            WriteUtf8(stream, parts[0]);
            WriteUtf8(stream, meta);
            WriteUtf8(stream, parts[1]);
            CopyAsBase64(writer._framesFile, stream);
            WriteUtf8(stream, parts[2]);
            using (var atlas = new MemoryStream())
            {
                using (var zlib = new ZLibStream(atlas, CompressionLevel.Optimal, leaveOpen: true))
                {
                    zlib.Write(writer._atlas.Tiles);
                }

                atlas.Position = 0;
                CopyAsBase64(atlas, stream);
            }

            WriteUtf8(stream, parts[3]);
            if (writer._audio is not null)
            {
                WriteUtf8(stream, $"<audio id=\"audio\" preload=\"auto\" src=\"data:{AudioTrackExtractor.MimeType};base64,");
                using var audio = File.OpenRead(writer._audio.Path);
                CopyAsBase64(audio, stream);
                WriteUtf8(stream, "\"></audio>");
            }

            WriteUtf8(stream, parts[4]);
        });
    }

    private static void CopyAsBase64(Stream source, Stream destination)
    {
        // Whole 3-byte groups per chunk, so chunks concatenate into one base64 text.
        const int chunk = 48 * 1024;
        var input = ArrayPool<byte>.Shared.Rent(chunk);
        var output = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(chunk));
        try
        {
            int filled;
            while ((filled = source.ReadAtLeast(input.AsSpan(0, chunk), chunk, throwOnEndOfStream: false)) > 0)
            {
                Base64.EncodeToUtf8(input.AsSpan(0, filled), output, out _, out var written, isFinalBlock: filled < chunk);
                destination.Write(output, 0, written);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static void WriteUtf8(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>The page around its four embedded parts, in the order they are written: meta, frames, atlas, audio.</summary>
    private static string[] LoadTemplate()
    {
        using var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream("VidStudio.Core.Output.HtmlPlayer.player.html")
            ?? throw new InvalidOperationException("The HTML player template is not embedded.");
        string[] placeholders = ["%%META%%", "%%FRAMES%%", "%%ATLAS%%", "%%AUDIO%%"];
        // The drawing code is the Studio's too (CellDrawing.Script): it goes into the page's own script.
        var template = new StreamReader(resource).ReadToEnd().Replace("%%PAINTER%%", CellDrawing.Script, StringComparison.Ordinal);
        var positions = placeholders.Select(p => template.IndexOf(p, StringComparison.Ordinal)).ToArray();
        var parts = template.Split(placeholders, StringSplitOptions.None);
        return parts.Length == 5 && positions[0] >= 0 && positions.Zip(positions[1..]).All(pair => pair.First < pair.Second)
            ? parts
            : throw new InvalidOperationException("The HTML player template must hold each placeholder once, in the order they are written.");
    }

    public void Dispose()
    {
        _frames.Dispose();
        _framesFile.Dispose();
        File.Delete(_framesPath);
        _audio?.Dispose();
    }
}

/// <summary>What the page's script reads before the frames.</summary>
internal sealed record PlayerMeta(CellDrawing Drawing, double Fps, int Frames, string Glyphs);

/// <summary>Web (camelCase) names, generated at build time so the published CLI needs no reflection (Native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlayerMeta))]
internal sealed partial class PlayerJson : JsonSerializerContext;
