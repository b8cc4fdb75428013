using System.Text.Json.Serialization;
using VidStudio.Web.Data;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

public sealed record BatchResponse(
    string BatchId, IReadOnlyList<string> JobIds, string Status, int Total, int Completed, int Failed, IReadOnlyList<JobResponse> Jobs,
    // The secret that signs every job's callback, in the answer that created the batch only, when the server chose it.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallbackSecret = null)
{
    public static BatchResponse From(string batchId, IReadOnlyList<JobRecord> jobs)
    {
        var completed = jobs.Count(j => j.Status == JobStatus.Completed);
        var failed = jobs.Count(j => j.Status is JobStatus.Failed or JobStatus.Cancelled);
        var status = completed + failed < jobs.Count ? "processing" : failed == 0 ? "completed" : completed == 0 ? "failed" : "partially_completed";
        return new BatchResponse(batchId, jobs.Select(j => j.PublicId).ToList(), status, jobs.Count, completed, failed, jobs.Select(JobResponse.From).ToList());
    }
}
