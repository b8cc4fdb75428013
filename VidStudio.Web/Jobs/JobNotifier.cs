namespace VidStudio.Web.Jobs;

/// <summary>
/// In-process notifications of job changes (created, progress, finished, deleted), so pages can update live
/// without polling the database. Handlers must be quick; they run on the notifying thread.
/// </summary>
public sealed class JobNotifier
{
    public event Action<string>? JobChanged;

    public void Changed(string publicId) => JobChanged?.Invoke(publicId);
}
