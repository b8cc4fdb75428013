namespace VidStudio.Web.Components.Shared;

// The logging source generator does not see the code the Razor compiler generates, so the component's [LoggerMessage]
// methods are declared here. They are static: the logger is an injected property, not a field the generator could use.
public partial class SubmissionPanel
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Queueing a Studio conversion failed")]
    private static partial void QueueingFailed(ILogger logger, Exception exception);
}
