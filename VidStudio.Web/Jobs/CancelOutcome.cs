namespace VidStudio.Web.Jobs;

public enum CancelOutcome
{
    NotFound,
    Cancelled,
    Deleted,
}
