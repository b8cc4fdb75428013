using System.Collections.Concurrent;
using System.Net;
using Hangfire;
using Hangfire.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VidStudio.Tests.Support;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;

namespace VidStudio.Tests.Api;

/// <summary>
/// A worker may fetch a Hangfire job the instant it is created, before the code that created it has returned (on
/// PostgreSQL with several workers this happened: the job found no owner in its record and did nothing, and stayed
/// pending for ever). So the record must already name the run when Hangfire creates the job.
/// </summary>
[Collection(nameof(ServerCollection))]
public sealed class JobOwnershipTests(ServerFixture app)
{
    /// <summary>At the moment Hangfire has stored a conversion job, reads what the job record says about its owner.</summary>
    private sealed class OwnerAtCreation(IDbContextFactory<VidStudioDbContext> databases) : IClientFilter
    {
        public ConcurrentDictionary<string, (string? Recorded, string? Given)> Seen { get; } = new();

        public void OnCreating(CreatingContext context)
        {
        }

        public void OnCreated(CreatedContext context)
        {
            if (context.BackgroundJob?.Job.Type != typeof(ConversionJob) || context.BackgroundJob.Job.Args[0] is not string publicId)
            {
                return;
            }

            using var db = databases.CreateDbContext();
            var recorded = db.Jobs.Where(j => j.PublicId == publicId).Select(j => j.RunId).SingleOrDefault();
            Seen[publicId] = (recorded, context.Parameters.TryGetValue(ConversionJob.RunIdParameter, out var given) ? given as string : null);
        }
    }

    [Fact]
    public async Task The_record_names_the_run_before_hangfire_can_hand_the_job_to_a_worker()
    {
        var filter = new OwnerAtCreation(app.Services.GetRequiredService<IDbContextFactory<VidStudioDbContext>>());
        GlobalJobFilters.Filters.Add(filter);
        try
        {
            var client = app.CreateClient();
            var clip = app.Media.TestSource("owned.mp4", 160, 90, fps: 10, seconds: 1, audio: false);
            var response = await client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "20"), ("save_png", "false")));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var jobId = (await response.JsonAsync()).GetProperty("job_id").GetString()!;

            Assert.True(filter.Seen.TryGetValue(jobId, out var owner), "Hangfire created no conversion job for it");
            Assert.NotNull(owner.Given);
            Assert.Equal(owner.Given, owner.Recorded);
            Assert.Equal("completed", (await ApiClient.WaitForJobAsync(client, jobId))[^1].GetProperty("status").GetString());
        }
        finally
        {
            GlobalJobFilters.Filters.Remove(filter);
        }
    }
}
