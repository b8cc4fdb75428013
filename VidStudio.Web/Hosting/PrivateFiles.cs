using System.Runtime.InteropServices;

namespace VidStudio.Web.Hosting;

/// <summary>
/// Keeps what the server writes readable by its own user only. The data folder holds the databases (users, key hashes,
/// jobs), the Data Protection key ring that encrypts callback secrets and signs sessions, the logs, and users' uploads
/// and results: none of it is for other accounts on the machine.
/// </summary>
public static partial class PrivateFiles
{
    /// <summary>umask 0077: no group or other bits on anything created.</summary>
    private const uint OwnerOnlyMask = 0x3F;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Sets the process's umask, so every file and folder it creates from now on is 0600/0700 without each writer
    /// asking for it: SQLite's databases and their -wal/-shm/-journal files, Hangfire's database, Serilog's logs,
    /// uploads, results (ffmpeg children inherit the umask), the key ring.
    /// </summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            SetUmask(OwnerOnlyMask);
        }
    }

    /// <summary>
    /// Creates the data folder 0700, or narrows an existing one to 0700: an installation from before this change keeps
    /// its 0644 files, and a private folder is what keeps other users out of them. Null when that worked (or does not
    /// apply), else why not, for the log.
    /// </summary>
    public static string? PrepareDataFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return null;
        }

        Directory.CreateDirectory(path, OwnerOnlyFolder);
        if (File.GetUnixFileMode(path) == OwnerOnlyFolder)
        {
            return null;
        }

        try
        {
            File.SetUnixFileMode(path, OwnerOnlyFolder);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"The data folder {path} is readable by other users and could not be made private ({e.Message}); make it mode 0700.";
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
