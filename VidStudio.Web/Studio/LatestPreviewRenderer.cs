using VidStudio.Core.Options;
using VidStudio.Core.Preview;
using VidStudio.Core.Quality;
using VidStudio.Core.Rendering;

namespace VidStudio.Web.Studio;

/// <summary>
/// Renders previews one at a time, always of the newest request: while a render runs, newer requests replace each
/// other and only the last one is rendered next. A dragged slider therefore never queues up stale frames, and the
/// image catches up with the hand as soon as one render finishes. One instance per Studio page holds that viewer's
/// <see cref="PreviewSession"/>. <c>fontOf</c> loads the font the options name, as the viewer may use it.
/// </summary>
/// <para>
/// Once the newest preview is shown and nothing newer waits, the look is scored over the next seconds of the source
/// (<see cref="FramePreviewer.EvaluateAsync"/>); a new request cancels that scoring.
/// </para>
public sealed class LatestPreviewRenderer(
    FramePreviewer previewer, Func<ConversionOptions, CancellationToken, Task<FontSet>> fontOf, Func<PreviewFrame, Task> onRendered, Func<LookScore, ConversionOptions, double, Task> onScored, Func<Exception, Task> onFailed)
    : IDisposable
{
    /// <summary>Scoring waits for the hand to rest this long: while a slider moves, it would only compete with the renders.</summary>
    private static readonly TimeSpan ScoringDelay = TimeSpan.FromMilliseconds(400);

    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly PreviewSession _session = new();
    private (string Path, double Seconds, ConversionOptions Options)? _pending;
    private bool _running;
    private CancellationTokenSource _scoring = new();

    /// <summary>Asks for a render; returns at once.</summary>
    public void Request(string path, double seconds, ConversionOptions options)
    {
        lock (_gate)
        {
            _pending = (path, seconds, options);
            _scoring.Cancel();
            if (_running)
            {
                return;
            }

            _running = true;
        }

        _ = Task.Run(LoopAsync);
    }

    public void Dispose()
    {
        _disposed.Cancel();
        lock (_gate)
        {
            _scoring.Cancel();
        }
    }

    private async Task LoopAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            (string Path, double Seconds, ConversionOptions Options) request;
            lock (_gate)
            {
                if (_pending is not { } next)
                {
                    _running = false;
                    return;
                }

                request = next;
                _pending = null;
            }

            try
            {
                var font = await fontOf(request.Options, _disposed.Token);
                var frame = await previewer.RenderAsync(request.Path, request.Seconds, request.Options, _session, _disposed.Token, font);
                await onRendered(frame);
                StartScoringUnlessSuperseded(request);
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                await onFailed(e);
            }
        }
    }

    /// <summary>Scores in the background: the next render never waits for it, and a new request cancels it.</summary>
    private void StartScoringUnlessSuperseded((string Path, double Seconds, ConversionOptions Options) request)
    {
        CancellationTokenSource scoring;
        lock (_gate)
        {
            if (_pending is not null || _disposed.IsCancellationRequested)
            {
                return;
            }

            _scoring.Cancel();
            scoring = _scoring = new CancellationTokenSource();
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(ScoringDelay, scoring.Token);
                var score = await previewer.EvaluateAsync(request.Path, request.Seconds, request.Options, scoring.Token, await fontOf(request.Options, scoring.Token));
                // The look and time it scored go along: the page shows it only if they are still the ones on screen.
                await onScored(score, request.Options, request.Seconds);
            }
            catch (OperationCanceledException) when (scoring.IsCancellationRequested)
            {
                // A newer request (or the page closing) made this score stale.
            }
            catch (Exception e)
            {
                await onFailed(e);
            }
        });
    }
}
