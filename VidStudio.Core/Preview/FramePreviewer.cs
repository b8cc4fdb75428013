using VidStudio.Core.Frames;
using System.Collections.Concurrent;
using System.Diagnostics;
using VidStudio.Core.Mapping;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Preview;

/// <summary>
/// Renders single frames for the Studio's live preview with the converter's own <see cref="FrameRenderer"/>, so the
/// preview is the frame the job will write. Decoded frames and glyph atlases are cached: moving a slider re-renders
/// a cached frame without running ffmpeg.
/// </summary>
public sealed class FramePreviewer(FfmpegTools tools, FontSet fonts, ConversionLimits? limits = null, int cachedFrames = 16)
{
    private readonly ConcurrentDictionary<string, Task<MediaInfo>> _media = new();
    private readonly ConcurrentDictionary<(string Path, long TimeMs), Task<YuvFrame>> _frames = new();
    private readonly ConcurrentQueue<(string, long)> _frameOrder = new();
    private readonly GlyphAtlasCache _atlases = new(32);

    public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default) =>
        Shared(_media, Path.GetFullPath(path), p => new VideoProber(tools).ProbeAsync(p, CancellationToken.None), cancellationToken);

    /// <summary>The output frame at <paramref name="seconds"/> as PNG and text, rendered at the source's resolution.</summary>
    /// <param name="session">The viewer's renderer and buffers to reuse; a one-off render when null.</param>
    public async Task<PreviewFrame> RenderAsync(
        string path, double seconds, ConversionOptions options, PreviewSession? session = null, CancellationToken cancellationToken = default)
    {
        options.EnsureValid();
        var media = await ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var (_, timing, geometry) = ConversionPlan.For(media, options, fonts.CellAspect, limits ?? new ConversionLimits());
        var rate = timing.Rate;
        seconds = Math.Clamp(seconds, 0, Math.Max(0, media.DurationSeconds - 1 / rate.Value));
        var frameIndex = (int)Math.Round(seconds * rate.Value);
        var frame = await DecodeCachedAsync(path, seconds, cancellationToken).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var renderer = (session ?? new PreviewSession()).RendererFor(options, geometry, fonts, _atlases);
        renderer.MapCharacters(frame, frameIndex);
        renderer.ComposeGlyphs();
        using var png = renderer.CapturePng();
        return new PreviewFrame(png.ToArray(), renderer.FormatText().ToString(), frameIndex, geometry.RenderWidth, geometry.RenderHeight,
            geometry.Columns, geometry.Rows, clock.Elapsed.TotalMilliseconds);
    }

    private Task<YuvFrame> DecodeCachedAsync(string path, double seconds, CancellationToken cancellationToken) =>
        Shared(_frames, (Path.GetFullPath(path), (long)Math.Round(seconds * 1000)), key =>
        {
            _frameOrder.Enqueue(key);
            // Evicted frames are left to the garbage collector rather than returned to the pool: a render may still read them.
            while (_frameOrder.Count > cachedFrames && _frameOrder.TryDequeue(out var oldest))
            {
                _frames.TryRemove(oldest, out _);
            }

            return DecodeOneAsync(key.Item1, seconds, CancellationToken.None);
        }, cancellationToken);

    /// <summary>
    /// One cache entry's work, shared by every caller (the previewer serves all Studio sessions). The work runs
    /// without any one caller's token, so a page that closes cannot cancel it for the others; each caller stops
    /// waiting on its own token, and an entry that fails is dropped so the next request tries again.
    /// </summary>
    private static Task<T> Shared<TKey, T>(ConcurrentDictionary<TKey, Task<T>> cache, TKey key, Func<TKey, Task<T>> start, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var task = cache.GetOrAdd(key, k =>
        {
            var work = start(k);
            _ = work.ContinueWith(failed => cache.TryRemove(new KeyValuePair<TKey, Task<T>>(k, failed)), CancellationToken.None,
                TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return work;
        });
        return task.WaitAsync(cancellationToken);
    }

    private async Task<YuvFrame> DecodeOneAsync(string path, double seconds, CancellationToken cancellationToken)
    {
        // The analysis size depends on the source only, so this one decode serves every width and style.
        await foreach (var frame in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(path) { StartSeconds = seconds, MaxFrames = 1 }, cancellationToken).ConfigureAwait(false))
        {
            return frame;
        }

        throw new VideoInputException(VideoInputError.NoFrames, $"No frame could be decoded at {seconds:0.###} s.");
    }
}
