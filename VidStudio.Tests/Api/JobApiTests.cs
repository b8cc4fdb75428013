using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VidStudio.Tests.Support;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;
using VidStudio.Web.Maintenance;

namespace VidStudio.Tests.Api;

[Collection(nameof(ServerCollection))]
public class JobApiTests(ServerFixture app)
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<string> SubmitAsync(string clip, params (string, string)[] fields)
    {
        var response = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, fields));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("job_id").GetString()!;
    }

    [Fact]
    public async Task Terminal_gif_alpha_and_html_exports_are_listed_in_the_result_and_download_by_name()
    {
        var clip = app.Media.TestSource("api-terminal.mp4", 320, 180, fps: 10, seconds: 1, audio: false);
        var jobId = await SubmitAsync(clip, ("width", "40"), ("save_cast", "true"), ("save_ansi", "true"), ("save_gif", "true"),
            ("transparent_bg", "true"), ("save_webm_alpha", "true"), ("save_html", "true"), ("save_png", "false"), ("save_mp4", "false"));
        var final = (await ApiClient.WaitForJobAsync(_client, jobId))[^1];

        var artifacts = final.GetProperty("result").GetProperty("artifacts");
        Assert.Equal($"/api/v1/download/{jobId}/animation.cast", artifacts.GetProperty("cast").GetString());
        Assert.Equal(10, artifacts.GetProperty("ansi_files").GetArrayLength());
        Assert.Equal($"/api/v1/download/{jobId}/animation.gif", artifacts.GetProperty("gif").GetString());
        Assert.Equal("image/gif", (await _client.GetAsync($"/api/v1/download/{jobId}/gif")).Content.Headers.ContentType!.MediaType);
        Assert.Equal($"/api/v1/download/{jobId}/video_alpha.webm", artifacts.GetProperty("webm_alpha").GetString());
        Assert.Equal("video/webm", (await _client.GetAsync($"/api/v1/download/{jobId}/webm")).Content.Headers.ContentType!.MediaType);
        Assert.Equal($"/api/v1/download/{jobId}/player.html", artifacts.GetProperty("html_player").GetString());
        var html = await _client.GetAsync($"/api/v1/download/{jobId}/html");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{jobId}_player.html", html.Content.Headers.ContentDisposition!.FileNameStar ?? html.Content.Headers.ContentDisposition.FileName);
        var cast = await _client.GetAsync($"/api/v1/download/{jobId}/cast");
        Assert.Equal("application/x-asciicast", cast.Content.Headers.ContentType!.MediaType);
        Assert.Equal(11, (await cast.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using var zip = new ZipArchive(await (await _client.GetAsync($"/api/v1/download/{jobId}/ansi")).Content.ReadAsStreamAsync());
        Assert.Equal(10, zip.Entries.Count(e => e.Name.EndsWith(".ans")));
    }

    [Fact]
    public async Task Server_sent_events_follow_a_job_to_its_final_record_and_then_end()
    {
        var clip = app.Media.TestSource("api-events.mp4", 640, 360, fps: 25, seconds: 6);
        var jobId = await SubmitAsync(clip, ("width", "80"));

        using var response = await _client.GetAsync($"/api/v1/status/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Name, JsonElement Data)>();
        string? name = null;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await reader.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.StartsWith("event: ")) name = line["event: ".Length..];
            else if (line.StartsWith("data: ")) events.Add((name!, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
        }

        // The stream ended by itself (ReadLine gave null), after progress events and one final record.
        var progress = events.Where(e => e.Name == "progress").Select(e => e.Data.GetProperty("progress").GetDouble()).ToList();
        Assert.True(progress.Count >= 2, $"only {progress.Count} progress events");
        Assert.Equal(progress.OrderBy(p => p), progress);
        Assert.Contains(events, e => e.Name == "progress" && e.Data.GetProperty("status").GetString() == "processing" && e.Data.GetProperty("progress").GetDouble() is > 0 and < 1);
        var (finalName, final) = events[^1];
        Assert.Equal("status", finalName);
        Assert.Single(events, e => e.Name == "status");
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(150, final.GetProperty("result").GetProperty("frames_count").GetInt32());

        // A browser's EventSource reconnects after the stream ends; for a finished job it is told to stop.
        using var reconnect = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/status/{jobId}/events") { Headers = { { "Last-Event-ID", "7" } } };
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(reconnect)).StatusCode);

        var unknown = await _client.GetAsync("/api/v1/status/000000000000/events");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_job_goes_pending_processing_completed_and_every_artifact_downloads()
    {
        var clip = app.Media.TestSource("api-life.mp4", 640, 360, fps: 25, seconds: 4);

        var submitted = await (await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "60"), ("save_txt", "true")))).JsonAsync();
        Assert.Equal("pending", submitted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("result").ValueKind);
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("processing_time_seconds").ValueKind);
        var jobId = submitted.GetProperty("job_id").GetString()!;
        Assert.Matches("^[0-9a-f]{12}$", jobId);

        var seen = await ApiClient.WaitForJobAsync(_client, jobId);

        var processing = seen.Where(s => s.GetProperty("status").GetString() == "processing").ToList();
        Assert.NotEmpty(processing);
        var progress = processing.Select(s => s.GetProperty("progress").GetDouble()).ToList();
        Assert.Equal(progress.OrderBy(p => p), progress);
        Assert.Contains(processing, s => s.GetProperty("eta_seconds").ValueKind == JsonValueKind.Number);
        Assert.Contains(processing, s => s.GetProperty("message").GetString()!.StartsWith("Processed "));
        var final = seen[^1];
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(1.0, final.GetProperty("progress").GetDouble());
        Assert.True(final.GetProperty("processing_time_seconds").GetDouble() > 0);
        var result = final.GetProperty("result");
        Assert.Equal(100, result.GetProperty("frames_count").GetInt32());
        Assert.Equal(4.0, result.GetProperty("duration_seconds").GetDouble(), 2);
        Assert.Equal($"/api/v1/download/{jobId}/video.mp4", result.GetProperty("mp4_path").GetString());
        var artifacts = result.GetProperty("artifacts");
        Assert.Equal(100, artifacts.GetProperty("txt_files").GetArrayLength());
        Assert.Equal(100, artifacts.GetProperty("png_files").GetArrayLength());
        Assert.Equal($"/api/v1/download/{jobId}/frame_000042.png", artifacts.GetProperty("png_files")[42].GetString());

        var video = await _client.GetAsync($"/api/v1/download/{jobId}/video");
        Assert.Equal("video/mp4", video.Content.Headers.ContentType!.MediaType);
        // HEAD: the same headers, the file's length, no body; ZIPs (streamed) say their type; an unknown name is 404 as with GET.
        using (var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/download/{jobId}/video")))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal("video/mp4", head.Content.Headers.ContentType!.MediaType);
            Assert.Equal(video.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        using (var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/download/{jobId}/png")))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal("application/zip", head.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/download/{jobId}/frame_999999.png"))).StatusCode);
        var mp4 = app.Media.PathOf($"{jobId}.mp4");
        await File.WriteAllBytesAsync(mp4, await video.Content.ReadAsByteArrayAsync());
        Assert.Equal("100", TestMedia.Probe(mp4, "stream=nb_frames", "v:0"));
        Assert.Equal("aac", TestMedia.Probe(mp4, "stream=codec_name", "a"));

        var frame = await _client.GetAsync(artifacts.GetProperty("png_files")[42].GetString());
        Assert.Equal("image/png", frame.Content.Headers.ContentType!.MediaType);
        var text = await _client.GetStringAsync($"/api/v1/download/{jobId}/frame_000042.txt");
        Assert.Equal(60, text.Split('\n')[0].Length);

        foreach (var (kind, expected) in new[] { ("png", 100), ("txt", 100), ("frames", 200) })
        {
            var response = await _client.GetAsync($"/api/v1/download/{jobId}/{kind}");
            Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
            using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
            Assert.Equal(expected, zip.Entries.Count);
            Assert.All(zip.Entries, e => Assert.Matches(kind switch { "png" => @"^frame_\d{6}\.png$", "txt" => @"^frame_\d{6}\.txt$", _ => @"^frame_\d{6}\.(png|txt)$" }, e.Name));
            using var first = new StreamReader(zip.Entries.OrderBy(e => e.Name).First().Open());
            Assert.NotEmpty(await first.ReadToEndAsync());
        }

        var listed = await (await _client.GetAsync("/api/v1/jobs?page=1&page_size=200")).JsonAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), j => j.GetProperty("job_id").GetString() == jobId);
    }

    [Fact]
    public async Task A_batch_of_three_runs_every_file_with_the_same_parameters()
    {
        var clips = Enumerable.Range(0, 3).Select(i => app.Media.TestSource($"batch-{i}.mp4", 160, 90, seconds: 1)).ToList();

        var response = await _client.PostAsync("/api/v1/convert/batch", ApiClient.Form("files", clips, ("width", "30"), ("style", "blocks"), ("save_png", "false")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var batch = await response.JsonAsync();
        Assert.Equal(3, batch.GetProperty("total").GetInt32());
        Assert.Equal("processing", batch.GetProperty("status").GetString());
        var batchId = batch.GetProperty("batch_id").GetString()!;
        var jobIds = batch.GetProperty("job_ids").EnumerateArray().Select(j => j.GetString()!).ToList();
        Assert.Equal(3, jobIds.Distinct().Count());
        foreach (var jobId in jobIds)
        {
            var final = (await ApiClient.WaitForJobAsync(_client, jobId))[^1];
            Assert.Equal("completed", final.GetProperty("status").GetString());
            Assert.Equal("blocks", final.GetProperty("options").GetProperty("style").GetString());
            Assert.Equal(0, final.GetProperty("result").GetProperty("artifacts").GetProperty("png_files").GetArrayLength());
        }

        var current = await (await _client.GetAsync($"/api/v1/batch/{batchId}")).JsonAsync();
        Assert.Equal("completed", current.GetProperty("status").GetString());
        Assert.Equal(3, current.GetProperty("completed").GetInt32());
        Assert.Equal(jobIds, current.GetProperty("job_ids").EnumerateArray().Select(j => j.GetString()));
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_and_its_ffmpeg()
    {
        var clip = app.Media.TestSource("api-cancel.mp4", 640, 360, seconds: 20, audio: false);
        var jobId = await SubmitAsync(clip);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await (await _client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync()).GetProperty("progress").GetDouble() < 0.05)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job never made progress");
            await Task.Delay(100);
        }

        Assert.NotEmpty(TestMedia.ChildFfmpegProcesses(jobId)); // the check below would pass vacuously otherwise
        var response = await _client.DeleteAsync($"/api/v1/jobs/{jobId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await response.JsonAsync()).GetProperty("status").GetString());
        Assert.Empty(TestMedia.ChildFfmpegProcesses(jobId));
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "results", jobId)));
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "uploads", jobId)));
        var download = await _client.GetAsync($"/api/v1/download/{jobId}/video");
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_finished_job_removes_its_record_and_files()
    {
        var jobId = await SubmitAsync(app.Media.TestSource("api-delete.mp4", 160, 90, seconds: 1), ("width", "20"));
        await ApiClient.WaitForJobAsync(_client, jobId);
        Assert.True(Directory.Exists(Path.Combine(app.DataDirectory, "results", jobId)));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/status/{jobId}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "results", jobId)));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);
    }

    [Fact]
    public async Task A_job_past_its_timeout_fails_with_a_clear_message()
    {
        // Not a race against the machine's speed: once the job's ffmpeg processes run, they are paused (SIGSTOP), so
        // the job cannot finish before the fixture's 8 s JobTimeout, however fast the machine.
        var clip = app.Media.TestSource("api-slow.mp4", 640, 360, seconds: 30, audio: false);
        var jobId = await SubmitAsync(clip, ("fps", "120"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        IReadOnlyList<int> children;
        while ((children = TestMedia.ChildFfmpegProcesses(jobId)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job's ffmpeg never started");
            await Task.Delay(20);
        }

        foreach (var pid in children)
        {
            System.Diagnostics.Process.Start("kill", ["-STOP", pid.ToString()])!.WaitForExit();
        }

        var final = (await ApiClient.WaitForJobAsync(_client, jobId, TimeSpan.FromSeconds(60)))[^1];

        Assert.Equal("failed", final.GetProperty("status").GetString());
        Assert.Contains("longer than the limit of 8 s", final.GetProperty("error").GetString());
        Assert.Empty(TestMedia.ChildFfmpegProcesses(jobId));
    }

    [Fact]
    public async Task Cleanup_deletes_jobs_older_than_CleanupAfter_with_their_files()
    {
        var jobId = await SubmitAsync(app.Media.TestSource("api-expire.mp4", 160, 90, seconds: 1), ("width", "20"));
        await ApiClient.WaitForJobAsync(_client, jobId);
        var jobs = app.Services.GetRequiredService<JobLifecycle>();
        Assert.Equal(0, await jobs.CleanupAsync());

        app.Clock.Offset = TimeSpan.FromHours(25);
        try
        {
            Assert.True(await jobs.CleanupAsync() >= 1);
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/status/{jobId}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "results", jobId)));
    }

    [Fact]
    public async Task Cleanup_removes_the_deliveries_of_deleted_jobs_once_they_are_settled_and_old()
    {
        var databases = app.Services.GetRequiredService<IDbContextFactory<VidStudioDbContext>>();
        var now = app.Clock.GetUtcNow();
        WebhookDeliveryRecord Orphan(WebhookDeliveryState state, TimeSpan age) => new()
        {
            JobId = null, Url = $"https://orphan.invalid/{state}/{age.TotalHours}", Event = "job.completed", Body = "{}", Signature = "sha256=00", State = state, CreatedAt = now - age,
        };
        var (settledOld, pendingOld, settledRecent) = (Orphan(WebhookDeliveryState.GaveUp, TimeSpan.FromHours(30)), Orphan(WebhookDeliveryState.Pending, TimeSpan.FromHours(30)),
            Orphan(WebhookDeliveryState.Delivered, TimeSpan.FromHours(1)));
        await using (var db = await databases.CreateDbContextAsync())
        {
            db.WebhookDeliveries.AddRange(settledOld, pendingOld, settledRecent);
            await db.SaveChangesAsync();
        }

        await app.Services.GetRequiredService<JobLifecycle>().CleanupAsync();

        await using (var db = await databases.CreateDbContextAsync())
        {
            var left = await db.WebhookDeliveries.Where(d => d.Id == settledOld.Id || d.Id == pendingOld.Id || d.Id == settledRecent.Id).Select(d => d.Id).ToListAsync();
            Assert.Equal([pendingOld.Id, settledRecent.Id], left.Order());
            await db.WebhookDeliveries.Where(d => left.Contains(d.Id)).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task The_cleanup_job_also_deletes_old_studio_uploads()
    {
        var sources = app.Services.GetRequiredService<VidStudio.Web.Studio.StudioSources>();
        await using var clip = File.OpenRead(app.Media.TestSource("studio-old.mp4", 160, 90, seconds: 1));
        var source = await sources.AddUploadAsync(clip, "studio-old.mp4", CancellationToken.None);
        Assert.True(File.Exists(source.Path));

        app.Clock.Offset = TimeSpan.FromHours(25);
        try
        {
            await app.Services.GetRequiredService<CleanupJob>().RunAsync(CancellationToken.None);
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }

        Assert.False(File.Exists(source.Path));
    }

    [Fact]
    public async Task Uploads_are_deleted_once_their_job_finishes()
    {
        var jobId = await SubmitAsync(app.Media.TestSource("api-upload-gone.mp4", 160, 90, seconds: 1), ("width", "20"));
        await ApiClient.WaitForJobAsync(_client, jobId);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "uploads", jobId)));
    }

    [Fact]
    public async Task Jobs_list_is_paged_newest_first()
    {
        var first = await SubmitAsync(app.Media.TestSource("api-list.mp4", 160, 90, seconds: 1), ("width", "20"));
        var second = await SubmitAsync(app.Media.TestSource("api-list.mp4", 160, 90, seconds: 1), ("width", "20"));

        var page = await (await _client.GetAsync("/api/v1/jobs?page=1&page_size=2")).JsonAsync();

        Assert.Equal([second, first], page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("job_id").GetString()));
        Assert.True(page.GetProperty("total").GetInt32() >= 2);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/v1/jobs?page_size=1000")).StatusCode);
        await ApiClient.WaitForJobAsync(_client, first);
        await ApiClient.WaitForJobAsync(_client, second);
    }
}
