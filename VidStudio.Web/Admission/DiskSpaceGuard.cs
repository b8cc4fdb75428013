using Microsoft.Extensions.Options;
using VidStudio.Core;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Admission;

/// <summary>
/// Refuses new work while the disk under DataDirectory is nearly full (<c>VidStudio:MinFreeDiskBytes</c>): a job that
/// starts anyway would fail half-written, and a full disk also stops the databases from recording anything.
/// </summary>
public sealed class DiskSpaceGuard(IOptions<VidStudioSettings> settings)
{
    /// <summary>How long a client is told to wait before trying again; cleanup runs at least this often.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    public long FreeBytes => new DriveInfo(settings.Value.DataPath).AvailableFreeSpace;

    /// <summary>Throws <see cref="InsufficientStorageException"/> when free space is below the floor.</summary>
    public void EnsureRoomForNewJob()
    {
        var free = FreeBytes;
        if (free < settings.Value.MinFreeDiskBytes)
        {
            throw new InsufficientStorageException(
                $"The server's disk is nearly full ({ByteSize.Format(free)} free, below the floor of {ByteSize.Format(settings.Value.MinFreeDiskBytes)} set by MinFreeDiskBytes); no new job can start now. Try again later.");
        }
    }
}
