using System.Diagnostics;

namespace VidStudio.Core.Media;

/// <summary>
/// One ffmpeg/ffprobe child process with piped stdio. Arguments go through <see cref="ProcessStartInfo.ArgumentList"/>
/// (no shell, no quoting bugs); the tail of stderr is kept for error messages; cancellation and disposal kill the
/// process so no child outlives its conversion.
/// </summary>
public sealed class FfmpegProcess : IDisposable
{
    private const int StderrTailLines = 12;

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly CancellationTokenRegistration _cancelRegistration;
    private readonly Task _stderrPump;

    private FfmpegProcess(Process process, CancellationToken cancellationToken)
    {
        _process = process;
        PipeBuffer.TryEnlarge(process.StandardOutput.BaseStream);
        if (process.StartInfo.RedirectStandardInput)
        {
            PipeBuffer.TryEnlarge(process.StandardInput.BaseStream);
        }

        _stderrPump = Task.Run(PumpStderrAsync, CancellationToken.None);
        _cancelRegistration = cancellationToken.Register(Kill);
    }

    /// <summary>
    /// ffmpeg allocates a fresh packet for every raw frame it reads or writes (3 MB at 1080p). By default glibc hands
    /// blocks that large back to the kernel when they are freed, so each frame page-faults and zeroes 3 MB anew; with
    /// these limits freed frames stay in the heap for the next one. It took the encoder's kernel time from ~1.0 to
    /// ~0.6 s per 250 frames here. A value the user set in the environment wins.
    /// </summary>
    private const string KeepFreedFrameMemory = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456";

    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    public Stream StandardInput => _process.StandardInput.BaseStream;

    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken, bool redirectInput = false)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.TryAdd("GLIBC_TUNABLES", KeepFreedFrameMemory);
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new FfmpegNotFoundException(executable);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FfmpegNotFoundException(executable, e);
        }

        return new FfmpegProcess(process, cancellationToken);
    }

    /// <summary>Waits for exit and returns the exit code; the stderr tail is complete afterwards.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>The last lines ffmpeg wrote to stderr, joined, for error messages.</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderrTail)
            {
                return string.Join(Environment.NewLine, _stderrTail);
            }
        }
    }

    /// <summary>"ffmpeg exited with code 1" or, for a child ended by a signal (.NET reports 128 + signal), "ffmpeg was killed (signal 9)".</summary>
    public static string DescribeExit(string name, int exitCode) => exitCode > 128 && exitCode < 160
        ? $"{name} was killed (signal {exitCode - 128}{(exitCode - 128 == 9 ? ", e.g. by the out-of-memory killer" : "")})"
        : $"{name} exited with code {exitCode}";

    /// <summary>
    /// Why a child that exited with <paramref name="exitCode"/> while <paramref name="doing"/> failed. A full disk
    /// (ffmpeg's "No space left on device", ENOSPC) becomes the <see cref="IOException"/> .NET raises for its own writes
    /// there, so a job reports it the one way it reports a full disk; anything else is what ffmpeg said.
    /// </summary>
    public Exception Failure(string doing, int exitCode) => StderrTail.Contains(DiskFullMessage, StringComparison.Ordinal)
        ? new IOException($"{doing} failed: {DiskFullMessage}.", DiskFullErrno)
        : new ConversionFailedException($"{doing} failed ({DescribeExit("ffmpeg", exitCode)}): {StderrTail}");

    private const string DiskFullMessage = "No space left on device";

    private const int DiskFullErrno = 28;

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill: nothing left to stop.
        }
    }

    public void Dispose()
    {
        _cancelRegistration.Dispose();
        Kill();
        try
        {
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            var reader = _process.StandardError;
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderrTail)
                {
                    _stderrTail.Enqueue(line);
                    if (_stderrTail.Count > StderrTailLines)
                    {
                        _stderrTail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was killed; what was read so far is all there is.
        }
    }
}
