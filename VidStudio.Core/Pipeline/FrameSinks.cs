using VidStudio.Core.Options;
using VidStudio.Core.Output;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// Where a job's rendered frames go: the sinks of the asked-for outputs (<see cref="OutputFormats"/>), each handed every
/// frame in turn. Sums the bytes they have written so the converter can enforce
/// <see cref="ConversionLimits.MaxOutputBytes"/> while the job runs.
/// </summary>
internal sealed class FrameSinks : IAsyncDisposable
{
    private readonly List<IFrameSink> _sinks = [];
    private readonly List<IFrameSink> _pixelSinks = [];

    /// <summary>Whether frame <paramref name="index"/> must be drawn: a sink that needs pixels takes it (text alone does not).</summary>
    public bool NeedPixels(int index)
    {
        foreach (var sink in _pixelSinks)
        {
            if (sink.Takes(index))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts the sink of every output <paramref name="options"/> asks for; on a failure the ones started are ended before it is rethrown.</summary>
    public static async Task<FrameSinks> StartAsync(ConversionOptions options, SinkContext context, CancellationToken cancellationToken)
    {
        var requested = OutputFormats.Requested(options).ToList();
        var sinks = new FrameSinks();
        try
        {
            foreach (var format in requested)
            {
                var sink = await format.StartSink(context, cancellationToken).ConfigureAwait(false);
                sinks._sinks.Add(sink);
                if (format.NeedsPixels)
                {
                    sinks._pixelSinks.Add(sink);
                }
            }
        }
        catch
        {
            // The caller has nothing to dispose yet: the sinks started so far (files, ffmpeg children) end here.
            await sinks.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return sinks;
    }

    /// <summary>Bytes of everything written so far: frame files as they finish, encoded files as they grow.</summary>
    public long BytesWritten
    {
        get
        {
            var total = 0L;
            foreach (var sink in _sinks)
            {
                total += sink.BytesWritten;
            }

            return total;
        }
    }

    /// <summary>Hands the renderer's current frame to every sink that takes it; returns once the queued sinks have room for it.</summary>
    public async ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            if (sink.Takes(index))
            {
                await sink.WriteAsync(frame, index, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for the queued frames and finishes every output; rethrows a worker's failure.</summary>
    public async Task CompleteAsync(int frames, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            await sink.CompleteAsync(frames, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops every sink's workers and ffmpeg children and removes unfinished files (finished ones stay).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var sink in _sinks)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }
}
