using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Configuration;
using VidStudio.Web.Storage;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Storage;

/// <summary>
/// The server keeping sources and results in an S3-compatible store (s3rver on loopback) instead of its folders: the
/// same downloads byte for byte, ranges, deletion, the store going down and coming back, and a bad bucket at start-up.
/// </summary>
[Collection(nameof(StandaloneServers))]
public sealed class ObjectStorageTests : IAsyncLifetime
{
    private readonly TestMedia _media = new();
    private readonly S3Server _store = new();

    public Task InitializeAsync() => _store.StartAsync();

    public Task DisposeAsync()
    {
        _store.Dispose();
        _media.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Every output at once (WebM with alpha needs the transparent background).</summary>
    private static (string, string)[] EveryOutput =>
        [.. OutputFormats.All.Select(format => (format.Save.Name, "true")), ("transparent_bg", "true"), ("width", "40")];

    private static async Task<JsonElement> ConvertAsync(ServerProcess server, string clip)
    {
        var response = await server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, EveryOutput));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var jobId = (await response.JsonAsync()).GetProperty("job_id").GetString()!;
        var final = (await ApiClient.WaitForJobAsync(server.Client, jobId, TimeSpan.FromMinutes(3)))[^1];
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        return final;
    }

    private static async Task<byte[]> DownloadAsync(ServerProcess server, string jobId, string file)
    {
        var response = await server.Client.GetAsync($"/api/v1/download/{jobId}/{file}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>A ZIP's entries by name (the archives themselves carry the time they were built).</summary>
    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = e.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>Files the node keeps for the job on its own disk.</summary>
    private static List<string> LocalFilesOf(ServerProcess server, string jobId) =>
        Directory.EnumerateFileSystemEntries(server.DataDirectory, "*", SearchOption.AllDirectories).Where(path => path.Contains(jobId, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Every_output_on_S3_downloads_as_on_local_storage_ranges_work_no_node_keeps_files_and_a_delete_removes_its_objects()
    {
        var clip = _media.TestSource("outputs.mp4", 160, 90, fps: 10, seconds: 2);
        using var local = new ServerProcess(_media.PathOf("local"));
        using var s3 = new ServerProcess(_media.PathOf("s3"), _store.Settings());
        await Task.WhenAll(local.StartAsync(), s3.StartAsync());
        var onLocal = await ConvertAsync(local, clip);
        var onS3 = await ConvertAsync(s3, clip);
        var localId = onLocal.GetProperty("job_id").GetString()!;
        var s3Id = onS3.GetProperty("job_id").GetString()!;

        // The run's folder and the source go once the job is recorded complete.
        await Eventually.HoldsAsync(() => LocalFilesOf(s3, s3Id).Count == 0, $"files of {s3Id} stayed on the node");
        await Eventually.HoldsAsync(async () => !(await _store.KeysAsync()).Any(key => key.StartsWith("sources/", StringComparison.Ordinal)), "the source stayed in the store");
        var keys = await _store.KeysAsync();
        Assert.Contains(keys, key => key.StartsWith($"results/{s3Id}/", StringComparison.Ordinal) && key.EndsWith("/png.zip", StringComparison.Ordinal));

        foreach (var format in OutputFormats.All)
        {
            if (format.PerFrame)
            {
                // The frames' ZIP, and single frames read out of the stored pack by range: the first, one inside, the last.
                var expected = Entries(await DownloadAsync(local, localId, format.Route));
                Assert.NotEmpty(expected);
                Assert.Equal(expected, Entries(await DownloadAsync(s3, s3Id, format.Route)));
                foreach (var name in new[] { expected.Keys.Min()!, format.FrameFileName!(expected.Count / 2), expected.Keys.Max()! })
                {
                    var frame = await DownloadAsync(s3, s3Id, name);
                    Assert.True(expected[name].SequenceEqual(frame), $"{name} differs");
                }
            }
            else
            {
                var expected = await DownloadAsync(local, localId, format.Route);
                var stored = await DownloadAsync(s3, s3Id, format.Route);
                if (format.Route is "webm" or "html")
                {
                    // Matroska stamps each file with a random segment id (the WebM, the HTML player's embedded audio), so two
                    // conversions of one clip differ in those bytes: the download is the stored object byte for byte, of
                    // the local conversion's length, and the WebM's decoded frames are the local one's.
                    var storedObject = await StoredObjectAsync(s3Id, format.FileName!);
                    Assert.True(stored.SequenceEqual(storedObject), $"{format.Route} differs from the stored object");
                    Assert.Equal(expected.Length, stored.Length);
                    if (format.Route == "webm")
                    {
                        Assert.Equal(DecodedFrames(expected), DecodedFrames(stored));
                    }

                    continue;
                }

                Assert.True(expected.SequenceEqual(stored), $"{format.Route} differs");
            }
        }

        Assert.Equal(Entries(await DownloadAsync(local, localId, "frames")), Entries(await DownloadAsync(s3, s3Id, "frames")));

        // The player's seeks: a range of the MP4 answers 206 with exactly those bytes.
        var video = await DownloadAsync(local, localId, "video.mp4");
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/download/{s3Id}/video.mp4");
        ranged.Headers.Range = new RangeHeaderValue(100, 1099);
        var partial = await s3.Client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 100-1099/{video.Length}", partial.Content.Headers.ContentRange!.ToString());
        Assert.Equal(video[100..1100], await partial.Content.ReadAsByteArrayAsync());

        Assert.True((await s3.Client.DeleteAsync($"/api/v1/jobs/{s3Id}")).IsSuccessStatusCode);
        Assert.DoesNotContain(await _store.KeysAsync(), key => key.Contains(s3Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_presigned_downloads_a_file_is_a_redirect_to_the_store_that_serves_the_same_bytes()
    {
        var clip = _media.TestSource("presign.mp4", 160, 90, fps: 10, seconds: 1);
        using var s3 = new ServerProcess(_media.PathOf("s3"), _store.Settings(("VidStudio__Storage__S3__PresignDownloads", "true")));
        await s3.StartAsync();
        var jobId = (await ConvertAsync(s3, clip)).GetProperty("job_id").GetString()!;

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(s3.BaseUrl) };
        var answer = await noRedirects.GetAsync($"/api/v1/download/{jobId}/video.mp4");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith(_store.ServiceUrl, answer.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        using var store = new HttpClient();
        var fromStore = await store.GetAsync(answer.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fromStore.StatusCode);
        Assert.Equal("video/mp4", fromStore.Content.Headers.ContentType?.MediaType);
        Assert.Equal("h264", Probe(await fromStore.Content.ReadAsByteArrayAsync()));
    }

    private async Task<byte[]> StoredObjectAsync(string jobId, string fileName)
    {
        var key = (await _store.KeysAsync()).Single(k => k.StartsWith($"results/{jobId}/", StringComparison.Ordinal) && k.EndsWith("/" + fileName, StringComparison.Ordinal));
        using var client = _store.Client();
        using var response = await client.GetObjectAsync(S3Server.Bucket, key);
        using var bytes = new MemoryStream();
        await response.ResponseStream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>The MD5 of every decoded frame and audio packet (ffmpeg's framemd5), without its header comments.</summary>
    private string DecodedFrames(byte[] media)
    {
        var path = _media.PathOf("decode-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllBytes(path, media);
        var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-nostdin", "-v", "error", "-i", path, "-f", "framemd5", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return string.Join("\n", output.Split('\n').Where(line => !line.StartsWith('#')));
    }

    private string Probe(byte[] video)
    {
        var path = _media.PathOf("probe-" + Guid.NewGuid().ToString("N")[..8] + ".mp4");
        File.WriteAllBytes(path, video);
        return TestMedia.Probe(path, "stream=codec_name", "v:0").Trim();
    }

    [Fact]
    public async Task The_store_going_down_is_a_state_uploads_get_503_with_retry_after_and_once_it_is_back_jobs_complete_without_a_restart()
    {
        var clip = _media.TestSource("outage.mp4", 160, 90, fps: 10, seconds: 1);
        using var s3 = new ServerProcess(_media.PathOf("s3"), _store.Settings());
        await s3.StartAsync();
        var healthy = await (await s3.Client.GetAsync("/api/v1/health")).JsonAsync();
        Assert.True(healthy.GetProperty("storage").GetProperty("reachable").GetBoolean(), healthy.ToString());
        Assert.Equal("s3", healthy.GetProperty("storage").GetProperty("provider").GetString());
        var before = await s3.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("save_png", "false")));
        var finished = (await before.JsonAsync()).GetProperty("job_id").GetString()!;
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(s3.Client, finished))[^1].GetProperty("status").GetString());

        _store.Stop();
        var down = await (await s3.Client.GetAsync("/api/v1/health")).JsonAsync();
        Assert.False(down.GetProperty("storage").GetProperty("reachable").GetBoolean(), down.ToString());
        Assert.Equal("degraded", down.GetProperty("status").GetString());
        var refused = await s3.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("save_png", "false")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        // A delete waits for the store (its objects go before its record), and the rest keeps being served.
        var notDeleted = await s3.Client.DeleteAsync($"/api/v1/jobs/{finished}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notDeleted.StatusCode);
        Assert.NotNull(notDeleted.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await s3.Client.GetAsync($"/api/v1/status/{finished}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s3.Client.GetAsync("/api/v1/jobs")).StatusCode);

        await _store.StartAsync();
        await Eventually.HoldsAsync(async () => (await (await s3.Client.GetAsync("/api/v1/health")).JsonAsync()).GetProperty("storage").GetProperty("reachable").GetBoolean(),
            "the health report did not see the store back");
        var response = await s3.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("save_png", "false")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.JsonAsync()).GetProperty("job_id").GetString()!;
        var final = (await ApiClient.WaitForJobAsync(s3.Client, jobId))[^1];
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        Assert.NotEmpty(await DownloadAsync(s3, jobId, "video"));
        Assert.True((await s3.Client.DeleteAsync($"/api/v1/jobs/{finished}")).IsSuccessStatusCode);
        Assert.DoesNotContain(await _store.KeysAsync(), key => key.Contains(finished, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_store_that_goes_down_mid_run_keeps_the_job_waiting_and_once_it_is_back_the_job_completes()
    {
        var clip = _media.TestSource("midrun.mp4", 640, 360, fps: 25, seconds: 12);
        using var s3 = new ServerProcess(_media.PathOf("s3"), _store.Settings(("VidStudio__ProgressWriteInterval", "00:00:00.200")));
        await s3.StartAsync();
        var response = await s3.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "60"), ("save_png", "false")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.JsonAsync()).GetProperty("job_id").GetString()!;
        await Eventually.HoldsAsync(async () =>
        {
            var status = await (await s3.Client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync();
            return status.GetProperty("status").GetString() == "processing" && status.GetProperty("progress").GetDouble() >= 0.05;
        }, "the job never got going", TimeSpan.FromSeconds(60));

        // The run has its source; its results cannot be kept until the store is back, and the job waits for it.
        _store.Stop();
        JsonElement waiting = default;
        await Eventually.HoldsAsync(async () =>
        {
            waiting = await (await s3.Client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync();
            return waiting.GetProperty("message").GetString()!.StartsWith("Waiting for the storage", StringComparison.Ordinal);
        }, "the job did not wait for the store", TimeSpan.FromSeconds(90));
        Assert.Equal("processing", waiting.GetProperty("status").GetString());

        await _store.StartAsync();
        var final = (await ApiClient.WaitForJobAsync(s3.Client, jobId, TimeSpan.FromMinutes(3)))[^1];
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        var video = _media.PathOf("midrun-result.mp4");
        await File.WriteAllBytesAsync(video, await DownloadAsync(s3, jobId, "video"));
        Assert.Equal(final.GetProperty("result").GetProperty("frames_count").GetInt32().ToString(), TestMedia.Probe(video, "stream=nb_frames", "v:0"));
        Assert.DoesNotContain(await _store.KeysAsync(), key => key.StartsWith("sources/", StringComparison.Ordinal));
    }

    private S3JobStorage Storage(IAmazonS3 client) => new(client, Options.Create(new VidStudioSettings
    {
        DataDirectory = _media.PathOf("storage"),
        Storage = new StorageSettings { Provider = StorageProvider.S3, S3 = new S3StorageSettings { Bucket = S3Server.Bucket } },
    }), NullLogger<S3JobStorage>.Instance);

    [Fact]
    public async Task A_source_larger_than_one_part_goes_up_in_parts_and_comes_back_to_a_worker_byte_for_byte()
    {
        var source = _media.PathOf("big.bin");
        var bytes = new byte[40 * 1024 * 1024 + 12345];
        new Random(3).NextBytes(bytes);
        await File.WriteAllBytesAsync(source, bytes);
        using var client = _store.Client();
        var storage = Storage(client);

        var key = await storage.StoreSourceAsync("0123456789ab", source, "clip.mp4", CancellationToken.None);
        Assert.False(File.Exists(source));
        var run = await storage.PrepareRunAsync("0123456789ab", key, ".mp4", CancellationToken.None);
        var fetched = await File.ReadAllBytesAsync(run.SourcePath);
        Assert.True(bytes.AsSpan().SequenceEqual(fetched), "the fetched source differs");
        Assert.False(Directory.Exists(run.OutputDirectory));

        await storage.DeleteJobAsync("0123456789ab", CancellationToken.None);
        Assert.Empty(await _store.KeysAsync());
        Assert.False(File.Exists(run.SourcePath));
    }

    [Fact]
    public async Task The_sweep_removes_what_no_job_needs_and_keeps_what_one_does()
    {
        using var client = _store.Client();
        foreach (var key in new[] { "sources/aaaaaaaaaaaa", "results/aaaaaaaaaaaa/r1/video.mp4", "results/bbbbbbbbbbbb/r1/video.mp4", "results/bbbbbbbbbbbb/r2/video.mp4", "sources/cccccccccccc", "results/cccccccccccc/r3/png.zip" })
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = S3Server.Bucket, Key = key, ContentBody = key, UseChunkEncoding = false });
        }

        // aaaaaaaaaaaa no longer exists; bbbbbbbbbbbb completed with run r2 (r1 was taken over); cccccccccccc is running r3.
        var needs = new Dictionary<string, StoredNeeds> { ["bbbbbbbbbbbb"] = new(false, "r2"), ["cccccccccccc"] = new(true, "r3") };
        var swept = await Storage(client).SweepAsync((_, _) => Task.FromResult<IReadOnlyDictionary<string, StoredNeeds>>(needs), DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(2, swept);
        Assert.Equal(["results/bbbbbbbbbbbb/r2/video.mp4", "results/cccccccccccc/r3/png.zip", "sources/cccccccccccc"], (await _store.KeysAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_watch_folder_on_S3_storage_delivers_the_outputs_from_the_store_and_keeps_none_on_the_node()
    {
        var watch = Directory.CreateDirectory(_media.PathOf("watch")).FullName;
        var outputs = _media.PathOf("outputs");
        using var s3 = new ServerProcess(_media.PathOf("s3"), _store.Settings(
            ("VidStudio__WatchFolderPollInterval", "00:00:00.250"),
            ("VidStudio__WatchFolders__0__Path", watch),
            ("VidStudio__WatchFolders__0__OutputPath", outputs),
            ("VidStudio__WatchFolders__0__SettleTime", "00:00:00.500")));
        await s3.StartAsync();
        await File.WriteAllBytesAsync(Path.Combine(watch, "dropped.mp4"), await File.ReadAllBytesAsync(_media.TestSource("dropped.mp4", 160, 90, fps: 10, seconds: 1)));

        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(watch, "done", "dropped.mp4")), $"the source never reached done/:\n{s3.Output}", TimeSpan.FromSeconds(90));
        var delivered = Path.Combine(outputs, "dropped");
        Assert.Equal("10", TestMedia.Probe(Path.Combine(delivered, "video.mp4"), "stream=nb_frames", "v:0"));
        // Every PNG frame came out of its pack whole: ten frames, each a PNG that ffprobe reads.
        var frames = Directory.GetFiles(delivered, "*.png", SearchOption.AllDirectories);
        Assert.Equal(10, frames.Length);
        Assert.All(frames, frame => Assert.Equal("png", TestMedia.Probe(frame, "stream=codec_name").Trim()));
        Assert.Empty(Directory.GetDirectories(outputs, ".*"));
        var jobId = (await (await s3.Client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("items")[0].GetProperty("job_id").GetString()!;
        await Eventually.HoldsAsync(() => LocalFilesOf(s3, jobId).Count == 0, $"files of {jobId} stayed on the node");
    }

    [Fact]
    public async Task An_installation_moving_to_the_store_brings_its_key_ring_once_and_keys_written_later_are_read_back()
    {
        using var client = _store.Client();
        var s3 = new S3StorageSettings { Bucket = S3Server.Bucket, Prefix = "install" };
        var keys = new StoredKeyRepository(client, s3, NullLogger<StoredKeyRepository>.Instance);
        var folder = Directory.CreateDirectory(_media.PathOf("keys")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "key-1.xml"), "<key id=\"1\" />");

        Assert.Equal(1, await keys.ImportAsync(folder, CancellationToken.None));
        keys.StoreElement(new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "2")), "key-2");
        await File.WriteAllTextAsync(Path.Combine(folder, "key-3.xml"), "<key id=\"3\" />");
        // The store has a ring now: the folder is not read again, so a key made there later is not mixed in.
        Assert.Equal(0, await keys.ImportAsync(folder, CancellationToken.None));

        Assert.Equal(["1", "2"], keys.GetAllElements().Select(k => (string)k.Attribute("id")!).Order());
        Assert.Equal(["install/keys/key-1.xml", "install/keys/key-2.xml"], (await _store.KeysAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_bucket_the_store_does_not_have_stops_the_server_naming_the_setting()
    {
        using var server = new ServerProcess(_media.PathOf("s3"), _store.Settings(("VidStudio__Storage__S3__Bucket", "no-such-bucket")));
        Assert.Equal(78, await server.RunToExitAsync());
        Assert.Contains("VidStudio:Storage:S3:Bucket", server.Output, StringComparison.Ordinal);
    }
}
