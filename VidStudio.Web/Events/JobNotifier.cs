namespace VidStudio.Web.Events;

/// <summary>
/// In-process notifications of job changes (created, progress, finished, deleted), so pages can update live
/// without polling the database. Handlers must be quick; they run on the notifying thread, which is a job's own: a
/// listener that fails (a page or stream going away mid-call) must not fail the job, so each is called on its own.
/// </summary>
public sealed partial class JobNotifier(ILogger<JobNotifier> logger)
{
    public event Action<string>? JobChanged;

    public void Changed(string publicId)
    {
        if (JobChanged is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<string>>())
        {
            try
            {
                handler(publicId);
            }
            catch (Exception e)
            {
                ListenerFailed(e, publicId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A listener to job {JobId} failed")]
    private partial void ListenerFailed(Exception exception, string jobId);
}
