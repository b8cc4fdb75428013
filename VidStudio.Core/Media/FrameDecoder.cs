using VidStudio.Core.Frames;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace VidStudio.Core.Media;

/// <summary>
/// Decode stage: ffmpeg decodes, applies the rotation flag, resamples to the output frame rate when asked (dropping or
/// repeating frames so the duration never changes) and scales to the analysis size, piping limited-range BT.601
/// yuv420p frames in a y4m stream. ffmpeg derives the analysis size from the upright frame itself and the y4m header
/// states it, so decoding needs nothing from the probe and can start while the file is still being probed.
/// <para>
/// <paramref name="singleThreaded"/> turns off ffmpeg's frame-threaded decoding. The output is bit-identical; it only
/// saves the threading overhead (~1.2 ms of CPU per 1080p H.264 frame here), which pays when an encoder already keeps every
/// core busy and decoding is not what the job waits for.
/// </para>
/// </summary>
public sealed class FrameDecoder(FfmpegTools tools, bool singleThreaded = false)
{
    private const int MaxHeaderLength = 512;

    // GridGeometry.AnalysisSize in ffmpeg's expression language: fit within the box, never enlarge, even sizes.
    private static readonly string AnalysisScale = BuildAnalysisScale(GridGeometry.MaxAnalysisSize);

    /// <summary>
    /// Starts decoding now; frames arrive in <see cref="DecodingSession.Frames"/>, each to be disposed by the consumer,
    /// and up to <see cref="DecodeRequest.ReadAhead"/> wait there.
    /// </summary>
    public DecodingSession Start(DecodeRequest request, CancellationToken cancellationToken = default)
    {
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-v", "error" };
        if (singleThreaded)
        {
            arguments.AddRange(["-threads", "1"]);
        }

        if (request.StartSeconds is { } start)
        {
            arguments.AddRange(["-ss", start.ToString("0.######", CultureInfo.InvariantCulture)]);
        }

        // Limited range is kept (expanding it in ffmpeg costs ~15% of decode time; the tone table does it for free).
        var filters = $"{AnalysisScale}:flags=area:out_color_matrix=bt601,setsar=1,format=yuv420p";
        if (request.Rate is { } r)
        {
            filters = $"fps={r},{filters}";
        }

        arguments.AddRange(FfmpegTools.UntrustedInput(request.Path));
        arguments.AddRange(["-an", "-sn", "-dn", "-vf", filters]);
        if (request.MaxFrames is { } max)
        {
            arguments.AddRange(["-frames:v", max.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-f", "yuv4mpegpipe", "pipe:1"]);
        var failureContext = request.StartSeconds is null ? "." : $" at {request.StartSeconds:0.###} s.";
        return new DecodingSession(FfmpegProcess.Start(tools.Ffmpeg, arguments, cancellationToken), request.ReadAhead, failureContext, cancellationToken);
    }

    /// <summary>Streams decoded frames; each must be disposed by the consumer.</summary>
    public async IAsyncEnumerable<YuvFrame> DecodeAsync(DecodeRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var session = Start(request, cancellationToken);
        await using (session.ConfigureAwait(false))
        {
            await foreach (var frame in session.Frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }
        }
    }

    /// <summary>
    /// One running decode. Frames are read on a thread of its own with blocking pipe reads: ffmpeg writes its output
    /// in 32 KB chunks, and an asynchronous pipe read on Linux costs an epoll wake-up and a thread-pool hop per chunk
    /// (~11 per 640×360 frame). Disposal kills ffmpeg if it still runs, waits for the reader and returns unconsumed
    /// frames to the pool.
    /// </summary>
    public sealed class DecodingSession : IAsyncDisposable
    {
        private readonly FfmpegProcess _process;
        private readonly Channel<YuvFrame> _frames;
        private readonly CancellationTokenSource _stop;
        private readonly Task _reader;

        internal DecodingSession(FfmpegProcess process, int readAhead, string failureContext, CancellationToken cancellationToken)
        {
            _process = process;
            _frames = Channel.CreateBounded<YuvFrame>(new BoundedChannelOptions(readAhead) { SingleReader = true, SingleWriter = true });
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _reader = Task.Factory.StartNew(
                () => ReadFrames(failureContext), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>
        /// Completes after the last frame, or with the decode's error (a <see cref="VideoInputException"/> for
        /// unreadable input, <see cref="OperationCanceledException"/> when stopped).
        /// </summary>
        public ChannelReader<YuvFrame> Frames => _frames.Reader;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _process.Kill();
            await _reader.ConfigureAwait(false);
            while (_frames.Reader.TryRead(out var frame))
            {
                frame.Dispose();
            }

            _process.Dispose();
            _stop.Dispose();
        }

        private void ReadFrames(string failureContext)
        {
            var index = 0;
            try
            {
                var output = new BufferedStream(_process.StandardOutput, 1 << 16);
                if (ReadLine(output) is { } header)
                {
                    var (width, height) = Y4mFormat.ParseHeader(header);
                    var frameLength = YuvFrame.ByteLength(width, height);
                    while (ReadLine(output) is { } marker && Y4mFormat.IsFrameMarker(marker))
                    {
                        var frame = new YuvFrame(width, height) { Index = index };
                        if (output.ReadAtLeast(frame.Data.Span, frameLength, throwOnEndOfStream: false) < frameLength || !HandOver(frame))
                        {
                            frame.Dispose();
                            break;
                        }

                        index++;
                    }
                }

                var exitCode = _process.WaitForExitAsync().GetAwaiter().GetResult();
                if (index == 0 && !_stop.IsCancellationRequested)
                {
                    throw exitCode == 0
                        ? new VideoInputException(VideoInputError.NoFrames, "No frame could be decoded from the video" + failureContext)
                        : new VideoInputException(VideoInputError.Damaged, $"The video could not be decoded; it is probably damaged or truncated. ffmpeg said: {_process.StderrTail}");
                }

                if (exitCode != 0 && !_stop.IsCancellationRequested)
                {
                    // The decoder died mid-stream (killed, crashed, out of memory): the frames so far are not the video.
                    throw new ConversionFailedException(
                        $"Decoding stopped after {index} frames: {FfmpegProcess.DescribeExit("ffmpeg", exitCode)}. ffmpeg said: {_process.StderrTail}");
                }

                // Stopped early, ffmpeg was killed: what was read is not the whole video.
                _frames.Writer.TryComplete(_stop.IsCancellationRequested ? new OperationCanceledException(_stop.Token) : null);
            }
            catch (Exception e)
            {
                _frames.Writer.TryComplete(e);
            }
        }

        /// <summary>Blocks the reader thread while the consumer is behind; false once stopped.</summary>
        private bool HandOver(YuvFrame frame)
        {
            try
            {
                while (!_frames.Writer.TryWrite(frame))
                {
                    if (!_frames.Writer.WaitToWriteAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
                    {
                        return false;
                    }
                }

                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The fit is computed on the display width (<c>iw*sar</c>; ffmpeg takes an unknown ratio as 1), so anamorphic
    /// frames come out with square pixels in the source's display aspect, as the probe reports them.
    /// </summary>
    private static string BuildAnalysisScale(int box)
    {
        var fit = $"min(1,min({box}/(iw*sar),{box}/ih))";
        return $"scale=w='max(2,2*floor(iw*sar*{fit}/2+0.5))':h='max(2,2*floor(ih*{fit}/2+0.5))'";
    }

    /// <summary>One ASCII line of the y4m stream (header or frame marker), or null at the end of the stream.</summary>
    private static string? ReadLine(Stream stream)
    {
        Span<byte> line = stackalloc byte[MaxHeaderLength];
        for (var length = 0; length < line.Length; length++)
        {
            var next = stream.ReadByte();
            if (next < 0)
            {
                return length == 0 ? null : Encoding.ASCII.GetString(line[..length]);
            }

            if (next == '\n')
            {
                return Encoding.ASCII.GetString(line[..length]);
            }

            line[length] = (byte)next;
        }

        throw new ConversionFailedException("ffmpeg wrote an unexpected stream header (no end of line).");
    }
}
