namespace VidStudio.Web.WatchFolders;

/// <summary>
/// Tells when a file in a watch folder has stopped growing: its size and modification time are the same as at the
/// previous listing, and it has not been written for the folder's settle time (by its modification time, or, when that
/// is in the future, as a clock-skewed network mount may show, by how long it has looked the same here). A copy in
/// progress changes one or the other between listings, so it waits.
/// </summary>
public sealed class SettledFiles(TimeProvider clock)
{
    private readonly Dictionary<string, (long Size, long LastWriteTicks, DateTimeOffset Since)> _seen = new(StringComparer.Ordinal);

    // Names that copy tools and browsers give files still being written, and hidden files.
    private static readonly string[] InProgressExtensions = [".part", ".partial", ".tmp", ".crdownload", ".download"];

    /// <summary>Lists <paramref name="folder"/> once; returns the files that have now been still for its settle time.</summary>
    public IReadOnlyList<FileInfo> List(WatchFolder folder)
    {
        var now = clock.GetUtcNow();
        var settled = new List<FileInfo>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new DirectoryInfo(folder.Path).EnumerateFiles())
        {
            if (file.Name.StartsWith('.') || InProgressExtensions.Contains(file.Extension, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            present.Add(file.FullName);
            var observed = (file.Length, file.LastWriteTimeUtc.Ticks);
            if (!_seen.TryGetValue(file.FullName, out var seen) || (seen.Size, seen.LastWriteTicks) != observed)
            {
                _seen[file.FullName] = (observed.Length, observed.Ticks, now);
                continue;
            }

            if (now - new DateTimeOffset(seen.LastWriteTicks, TimeSpan.Zero) >= folder.SettleTime || now - seen.Since >= folder.SettleTime)
            {
                settled.Add(file);
            }
        }

        foreach (var gone in _seen.Keys.Where(path => Path.GetDirectoryName(path) == folder.Path && !present.Contains(path)).ToList())
        {
            _seen.Remove(gone);
        }

        return settled;
    }
}
