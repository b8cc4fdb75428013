using VidStudio.Core.Frames;
using System.Collections.Concurrent;
using System.Diagnostics;
using VidStudio.Core.Mapping;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Quality;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Preview;

/// <summary>
/// Renders single frames for the Studio's live preview with the converter's own <see cref="FrameRenderer"/>, so the
/// preview is the frame the job will write. Looks that carry state from frame to frame (<see cref="HasHistory"/>:
/// stability, auto levels) are warmed over the <see cref="WarmFrames"/> frames before the one shown, as the job's run
/// would have reached it. Decoded frames and glyph atlases are cached: moving a slider re-renders cached frames
/// without running ffmpeg.
/// </summary>
public sealed class FramePreviewer(FfmpegTools tools, FontSet fonts, ConversionLimits? limits = null, int cachedFrames = 160)
{
    /// <summary>How much of the source <see cref="EvaluateAsync"/> scores, from the previewed frame on.</summary>
    public const double EvaluationSeconds = 2;

    /// <summary>
    /// Frames a stateful look is warmed over before the previewed one: every cell of a stable look has chosen afresh in
    /// that span, so its glyph is the job's; auto levels have settled to within ~1.5% (0.9^40).
    /// </summary>
    public const int WarmFrames = ShapeMapper.RefreshInterval;

    private readonly ConversionPlanner _planner = new(fonts, limits ?? new ConversionLimits());
    private readonly ConcurrentDictionary<string, Task<MediaInfo>> _media = new();
    private readonly GlyphAtlasCache _atlases = new(32);

    // Decoded runs, evicted oldest first once they hold more than cachedFrames frames; all three under _gate.
    private readonly object _gate = new();
    private readonly Dictionary<RunKey, Task<YuvFrame[]>> _runs = [];
    private readonly Queue<RunKey> _runOrder = new();
    private int _cachedFrameCount;

    public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default) =>
        Shared(_media, Path.GetFullPath(path), p => new VideoProber(tools).ProbeAsync(p, CancellationToken.None), cancellationToken);

    /// <summary>Whether a frame's characters depend on the frames before it.</summary>
    public static bool HasHistory(ConversionOptions options) =>
        options.AutoLevels || (options.Style.MatchesShapes() && options.Stability > 0);

    /// <summary>The output frame at <paramref name="seconds"/> as PNG and text, rendered at the source's resolution.</summary>
    /// <param name="session">The viewer's renderer and buffers to reuse; a one-off render when null.</param>
    /// <param name="font">The font the options name, loaded by the caller; null: the default font.</param>
    public async Task<PreviewFrame> RenderAsync(
        string path, double seconds, ConversionOptions options, PreviewSession? session = null, CancellationToken cancellationToken = default, FontSet? font = null)
    {
        options.EnsureValid();
        font ??= fonts;
        var media = await ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var (_, timing, geometry) = _planner.Plan(media, options, font);
        var rate = timing.Rate;
        seconds = Math.Clamp(seconds, 0, Math.Max(0, media.DurationSeconds - 1 / rate.Value));
        var frameIndex = (int)Math.Round(seconds * rate.Value);
        var history = HasHistory(options);
        var first = history ? Math.Max(0, frameIndex - WarmFrames) : frameIndex;
        // Without history the frame is decoded at the asked time (the job's frame there); with it, the run starts on the
        // output frame grid so every warm frame is one the job renders.
        var run = await DecodeCachedAsync(path, history ? first / rate.Value : seconds, frameIndex - first + 1, history ? timing.Resample : null, cancellationToken)
            .ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var renderer = (session ?? new PreviewSession()).RendererFor(options, geometry, font, _atlases, fresh: history);
        for (var i = 0; i < run.Length; i++)
        {
            renderer.MapCharacters(run[i], first + i);
        }

        renderer.ComposeGlyphs();
        using var png = renderer.CapturePng();
        return new PreviewFrame(png.ToArray(), renderer.FormatText().ToString(), first + run.Length - 1, rate.Value, geometry.RenderWidth, geometry.RenderHeight,
            geometry.Columns, geometry.Rows, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Plays <paramref name="looks"/> from the frame at <paramref name="seconds"/> (on the first look's frame grid) to the
    /// end of the source. Stateful looks are warmed over the <see cref="WarmFrames"/> frames before, as for a still.
    /// </summary>
    /// <param name="fontsOfLooks">The font each look names, loaded by the caller; null: the default font for all.</param>
    public async Task<PreviewPlayback> PlayAsync(
        string path, double seconds, IReadOnlyList<ConversionOptions> looks, IReadOnlyList<FontSet>? fontsOfLooks = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(looks.Count);
        foreach (var look in looks)
        {
            look.EnsureValid();
        }

        var media = await ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var fontOf = (int look) => fontsOfLooks?[look] ?? fonts;
        var timing = _planner.Plan(media, looks[0], fontOf(0)).Timing;
        var rate = timing.Rate;
        seconds = Math.Clamp(seconds, 0, Math.Max(0, media.DurationSeconds - 1 / rate.Value));
        var startFrame = (int)Math.Round(seconds * rate.Value);
        var warmFrom = looks.Any(HasHistory) ? Math.Max(0, startFrame - WarmFrames) : startFrame;
        var renderers = looks.Select((look, i) => new FrameRenderer(look, _planner.Plan(media, look, fontOf(i)).Geometry, fontOf(i), _atlases)).ToArray();
        return new PreviewPlayback(tools, path, rate, timing.Resample, warmFrom, startFrame, renderers);
    }

    /// <summary>
    /// The look's fidelity and flicker over the <see cref="EvaluationSeconds"/> from <paramref name="seconds"/>, scored by
    /// the benchmark's own <see cref="LookEvaluator"/>, so the Studio shows the figures the README quotes.
    /// </summary>
    public async Task<LookScore> EvaluateAsync(string path, double seconds, ConversionOptions options, CancellationToken cancellationToken = default, FontSet? font = null)
    {
        options.EnsureValid();
        font ??= fonts;
        var media = await ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var (_, timing, geometry) = _planner.Plan(media, options, font);
        var rate = timing.Rate.Value;
        var first = (int)Math.Round(Math.Clamp(seconds, 0, Math.Max(0, media.DurationSeconds - 1 / rate)) * rate);
        var run = await DecodeCachedAsync(path, first / rate, (int)Math.Ceiling(EvaluationSeconds * rate), timing.Resample, cancellationToken).ConfigureAwait(false);
        return LookEvaluator.Evaluate(run, options, geometry, font, first, cancellationToken: cancellationToken);
    }

    private Task<YuvFrame[]> DecodeCachedAsync(string path, double seconds, int count, FrameRate? rate, CancellationToken cancellationToken)
    {
        var key = new RunKey(Path.GetFullPath(path), (long)Math.Round(seconds * 1000), count, rate);
        Task<YuvFrame[]> run;
        lock (_gate)
        {
            if (!_runs.TryGetValue(key, out run!))
            {
                // The decode runs without any one caller's token: other viewers may wait for the same run.
                run = DecodeRunAsync(key.Path, seconds, count, rate, CancellationToken.None);
                _runs[key] = run;
                _runOrder.Enqueue(key);
                _cachedFrameCount += count;
                // Evicted frames are left to the garbage collector rather than returned to the pool: a render may still read them.
                while (_cachedFrameCount > cachedFrames && _runOrder.Peek() != key)
                {
                    Forget(_runOrder.Dequeue());
                }

                _ = run.ContinueWith(_ =>
                {
                    // A failed decode is dropped, so the next request tries again.
                    lock (_gate)
                    {
                        if (_runs.TryGetValue(key, out var current) && current == run)
                        {
                            Forget(key);
                        }
                    }
                }, CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        return run.WaitAsync(cancellationToken);
    }

    /// <summary>Drops a run from the cache (under <see cref="_gate"/>); a key already dropped changes nothing.</summary>
    private void Forget(RunKey key)
    {
        if (_runs.Remove(key))
        {
            _cachedFrameCount -= key.Count;
        }
    }

    /// <summary>A decoded run: the file, where it starts, how many frames, and the rate they were resampled to.</summary>
    private readonly record struct RunKey(string Path, long StartMs, int Count, FrameRate? Rate);

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

    private async Task<YuvFrame[]> DecodeRunAsync(string path, double seconds, int count, FrameRate? rate, CancellationToken cancellationToken)
    {
        // The analysis size depends on the source only, so one decode serves every width and style.
        var frames = new List<YuvFrame>(count);
        await foreach (var frame in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(path) { StartSeconds = seconds, MaxFrames = count, Rate = rate }, cancellationToken)
                           .ConfigureAwait(false))
        {
            frames.Add(frame);
        }

        return frames.Count > 0 ? frames.ToArray() : throw new VideoInputException(VideoInputError.NoFrames, $"No frame could be decoded at {seconds:0.###} s.");
    }
}
