using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Jobs;
using VidStudio.Web.Admission;
using VidStudio.Web.Events;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

/// <summary>
/// A job's progress as Server-Sent Events, so a script can follow a job without polling: a <c>progress</c> event
/// whenever status, progress or message change, then one <c>status</c> event with the final record, then the stream
/// ends. Changes are heard from <see cref="JobNotifier"/> at once; the record is also re-read every second, so a job run
/// by another process (a worker node) is followed too.
/// </summary>
[ApiController]
[Route("api/v1")]
public sealed class StatusEventsController(JobQueries jobs, JobNotifier notifier, IOptions<JsonOptions> json, IOptions<VidStudioSettings> settings) : ControllerBase
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1), KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>Server-Sent Events of one job: <c>progress</c> events (status, progress, message, eta_seconds), then a final <c>status</c> event with the job's record.</summary>
    /// <response code="200">A text/event-stream that ends when the job has finished.</response>
    [HttpGet("status/{job_id}/events")]
    [Produces("text/event-stream")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task Events([FromRoute(Name = "job_id")] string jobId, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        // Asked before the stream starts, so an unknown job is a plain 404 problem.
        var job = await jobs.GetAsync(jobId, caller, cancellationToken) ?? throw ApiProblemException.NotFound($"There is no job '{jobId}'.");
        if (Request.Headers.ContainsKey("Last-Event-ID") && job.IsFinished)
        {
            // A browser's EventSource reconnecting after the final event: 204 tells it to stop instead of looping.
            Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        // Not disposed: the notifier may still call OnChanged after it unsubscribes (it calls a snapshot of the handlers),
        // and a SemaphoreSlim without a wait handle holds nothing that needs disposing.
        var changed = new SemaphoreSlim(0);
        void OnChanged(string id)
        {
            if (id == jobId && changed.CurrentCount == 0)
            {
                changed.Release();
            }
        }

        notifier.JobChanged += OnChanged;
        try
        {
            Response.ContentType = "text/event-stream";
            Response.Headers.CacheControl = "no-cache";
            Response.Headers["X-Accel-Buffering"] = "no";
            // A stream lasts no longer than a job may run, plus the time it may wait in the queue.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(settings.Value.JobTimeout * 2 + TimeSpan.FromMinutes(10));
            var (lastProgress, quietSince, id) = ((string?)null, DateTime.UtcNow, 0);
            while (true)
            {
                var response = JobResponse.From(job);
                if (job.IsFinished)
                {
                    await WriteEventAsync("status", ++id, JsonSerializer.Serialize(response, json.Value.JsonSerializerOptions), limit.Token);
                    return;
                }

                var progress = JsonSerializer.Serialize(new { status = response.Status, progress = response.Progress, message = response.Message, eta_seconds = response.EtaSeconds });
                if (progress != lastProgress)
                {
                    await WriteEventAsync("progress", ++id, progress, limit.Token);
                    (lastProgress, quietSince) = (progress, DateTime.UtcNow);
                }
                else if (DateTime.UtcNow - quietSince > KeepAlive)
                {
                    // A comment line: keeps proxies from closing an idle stream while the job waits in the queue.
                    await Response.WriteAsync(": waiting\n\n", limit.Token);
                    await Response.Body.FlushAsync(limit.Token);
                    quietSince = DateTime.UtcNow;
                }

                await changed.WaitAsync(Poll, limit.Token);
                if (await jobs.GetAsync(jobId, caller, limit.Token) is not { } next)
                {
                    // Deleted while followed: the stream ends with what was last known.
                    await WriteEventAsync("deleted", ++id, JsonSerializer.Serialize(new { job_id = jobId }), limit.Token);
                    return;
                }

                job = next;
            }
        }
        catch (OperationCanceledException)
        {
            // The client left (or the stream outlived its limit): nothing more to send.
        }
        finally
        {
            notifier.JobChanged -= OnChanged;
        }
    }

    private async Task WriteEventAsync(string name, int id, string data, CancellationToken cancellationToken)
    {
        await Response.WriteAsync(new StringBuilder().Append("event: ").Append(name).Append("\nid: ").Append(id).Append("\ndata: ").Append(data).Append("\n\n").ToString(), cancellationToken);
        await Response.Body.FlushAsync(cancellationToken);
    }
}
