using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace VidStudio.Core.Media;

/// <summary>
/// Enlarges a pipe to ffmpeg from Linux's default 64 KiB. A 1080p frame is 3 MiB: with small pipes every frame
/// costs dozens of writes, reads and context switches on each side.
/// </summary>
internal static partial class PipeBuffer
{
    private const int SetPipeSize = 1031; // F_SETPIPE_SZ
    private const int PreferredSize = 1 << 20;

    public static void TryEnlarge(Stream stream)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var handle = stream switch
        {
            PipeStream pipe => pipe.SafePipeHandle.DangerousGetHandle(),
            FileStream file => file.SafeFileHandle.DangerousGetHandle(),
            _ => (nint)(-1),
        };
        if (handle != -1)
        {
            // Best effort: failure (e.g. above /proc/sys/fs/pipe-max-size for non-root) leaves the default size.
            _ = Fcntl((int)handle, SetPipeSize, PreferredSize);
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
