using System.Runtime.CompilerServices;
using VidStudio.Core.Media;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Preview;

/// <summary>
/// The preview playing one or more looks from one frame on (<see cref="FramePreviewer.PlayAsync"/>): one continuous
/// decode on the first look's output frame grid, every frame mapped by each look's own <see cref="FrameRenderer"/>,
/// so a stateful look keeps its state from frame to frame as the job's run does. A frame yields each look's cell
/// record (<see cref="CellDrawing"/>) one after another; the browser draws them with <see cref="Looks"/>' atlases.
/// </summary>
public sealed class PreviewPlayback
{
    private readonly FfmpegTools _tools;
    private readonly string _path;
    private readonly FrameRate? _resample;
    private readonly int _warmFrom;
    private readonly FrameRenderer[] _renderers;

    internal PreviewPlayback(FfmpegTools tools, string path, FrameRate rate, FrameRate? resample, int warmFrom, int startFrame, FrameRenderer[] renderers)
    {
        (_tools, _path, _resample, _warmFrom, _renderers) = (tools, path, resample, warmFrom, renderers);
        FramesPerSecond = rate.Value;
        StartFrame = startFrame;
        Looks = [.. renderers.Select(r => new PlaybackLook(CellDrawing.For(r.Layout, r.Atlas, r.Glyphs.Count, r.Options), r.Atlas.Tiles.ToArray(), r.Glyphs.Characters))];
    }

    public double FramesPerSecond { get; }

    /// <summary>The first frame yielded: frames before it only warm stateful looks up.</summary>
    public int StartFrame { get; }

    /// <summary>How each look's records are drawn, in the order they follow each other in a frame.</summary>
    public IReadOnlyList<PlaybackLook> Looks { get; }

    /// <summary>Decodes and maps from the warm-up frame to the end of the source; yields frames from <see cref="StartFrame"/> on.</summary>
    public async IAsyncEnumerable<PlaybackFrame> FramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var recordBytes = Looks.Sum(look => look.Drawing.RecordBytes);
        var index = _warmFrom;
        var request = new DecodeRequest(_path) { StartSeconds = _warmFrom / FramesPerSecond, Rate = _resample };
        await foreach (var frame in new FrameDecoder(_tools).DecodeAsync(request, cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                var frameIndex = index++;
                foreach (var renderer in _renderers)
                {
                    renderer.MapCharacters(frame, frameIndex);
                }

                if (frameIndex < StartFrame)
                {
                    continue;
                }

                var records = new byte[recordBytes];
                var offset = 0;
                for (var look = 0; look < _renderers.Length; look++)
                {
                    var drawing = Looks[look].Drawing;
                    drawing.WriteRecord(_renderers[look].Cells, _renderers[look].Palette, records.AsSpan(offset, drawing.RecordBytes));
                    offset += drawing.RecordBytes;
                }

                yield return new PlaybackFrame(frameIndex, records);
            }
        }
    }
}

/// <summary>
/// How one look's records are drawn: their layout, the glyph atlas's coverage tiles, and the glyph set's symbols (a
/// record's glyph index i is the i-th code point of <paramref name="Glyphs"/>), from which the text view is written.
/// </summary>
public sealed record PlaybackLook(CellDrawing Drawing, byte[] Atlas, string Glyphs);

/// <summary>One output frame: its index and each look's record, one after another.</summary>
public sealed record PlaybackFrame(int Index, byte[] Records);
