using System.Diagnostics;
using System.Threading.Channels;
using VidStudio.Core.Options;
using VidStudio.Core.Preview;
using VidStudio.Core.Rendering;

namespace VidStudio.Web.Studio;

/// <summary>
/// Plays the Studio's preview at the source's speed: frames of a <see cref="PreviewPlayback"/> are made a few ahead on
/// a thread of their own and handed to <c>onFrame</c> when due. When the hand-over falls more than a frame behind (a
/// slow browser), frames are left unshown until it catches up; every frame is still mapped, so a stateful look stays
/// the job's. Runs until <see cref="Dispose"/> or the end of the source (<c>onEnded</c>).
/// </summary>
public sealed class PreviewPlayer : IDisposable
{
    /// <summary>Frames made ahead of the one shown: enough to ride out a slow frame, few enough that a stop wastes little.</summary>
    private const int FramesAhead = 6;

    private readonly CancellationTokenSource _stop = new();

    private PreviewPlayer()
    {
    }

    /// <param name="fontOf">Loads the font a look names, as the viewer may use it.</param>
    /// <param name="onStarted">The looks' drawings, before the first frame.</param>
    /// <param name="onEnded">The source ended, or playing failed (the exception); not called after <see cref="Dispose"/>.</param>
    public static PreviewPlayer Start(
        FramePreviewer previewer, string path, double seconds, IReadOnlyList<ConversionOptions> looks, Func<ConversionOptions, CancellationToken, Task<FontSet>> fontOf,
        Func<PreviewPlayback, Task> onStarted, Func<PlaybackFrame, Task> onFrame, Func<Exception?, Task> onEnded)
    {
        var player = new PreviewPlayer();
        _ = Task.Run(() => player.RunAsync(previewer, path, seconds, looks, fontOf, onStarted, onFrame, onEnded));
        return player;
    }

    public void Dispose() => _stop.Cancel();

    private async Task RunAsync(
        FramePreviewer previewer, string path, double seconds, IReadOnlyList<ConversionOptions> looks, Func<ConversionOptions, CancellationToken, Task<FontSet>> fontOf,
        Func<PreviewPlayback, Task> onStarted, Func<PlaybackFrame, Task> onFrame, Func<Exception?, Task> onEnded)
    {
        var stop = _stop.Token;
        Exception? failure = null;
        // Frames are made until the showing stops, for whatever reason: a maker left waiting would keep ffmpeg running.
        using var showing = CancellationTokenSource.CreateLinkedTokenSource(stop);
        try
        {
            var fonts = new FontSet[looks.Count];
            for (var i = 0; i < looks.Count; i++)
            {
                fonts[i] = await fontOf(looks[i], stop);
            }

            var playback = await previewer.PlayAsync(path, seconds, looks, fonts, stop);
            await onStarted(playback);
            var frames = Channel.CreateBounded<PlaybackFrame>(new BoundedChannelOptions(FramesAhead) { SingleReader = true, SingleWriter = true });
            var making = Task.Run(() => MakeFramesAsync(playback, frames.Writer, showing.Token), showing.Token);
            var frameSeconds = 1 / playback.FramesPerSecond;
            // The clock starts with the first frame shown: warming a stateful look up takes a moment, which is no lateness.
            Stopwatch? clock = null;
            await foreach (var frame in frames.Reader.ReadAllAsync(stop))
            {
                clock ??= Stopwatch.StartNew();
                var early = (frame.Index - playback.StartFrame) * frameSeconds - clock.Elapsed.TotalSeconds;
                if (early > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(early), stop);
                }
                else if (early < -frameSeconds)
                {
                    continue;
                }

                await onFrame(frame);
            }

            await making;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            await showing.CancelAsync();
        }

        await onEnded(failure);
    }

    private static async Task MakeFramesAsync(PreviewPlayback playback, ChannelWriter<PlaybackFrame> frames, CancellationToken stop)
    {
        try
        {
            await foreach (var frame in playback.FramesAsync(stop))
            {
                await frames.WriteAsync(frame, stop);
            }

            frames.Complete();
        }
        catch (Exception e)
        {
            frames.Complete(e);
        }
    }
}
