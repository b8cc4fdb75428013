using System.Diagnostics;
using System.Text.Json;

namespace VidStudio.Bench;

/// <summary>
/// Burst against a running server on loopback: N uploads at once, then polls every job's status until all have
/// finished. Reports whether all completed, the most jobs seen processing at once (the concurrency cap) and the
/// latency of /status while the burst runs. Bounded: N requests, polls for at most 10 minutes.
/// </summary>
internal static class Burst
{
    public static async Task RunAsync(string baseUrl, string work, int uploads)
    {
        var clip = await Inputs.TestClipAsync(work, 640, 360, 4);
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var clock = Stopwatch.StartNew();
        var bytes = await File.ReadAllBytesAsync(clip);
        var jobIds = await Task.WhenAll(Enumerable.Range(0, uploads).Select(_ => ServerUploads.SubmitAsync(client, bytes, "burst.mp4")));
        var uploadSeconds = clock.Elapsed.TotalSeconds;

        var latencies = new List<double>();
        var refused = 0;
        var maxProcessing = 0;
        var final = new Dictionary<string, string>();
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (final.Count < uploads && DateTime.UtcNow < deadline)
        {
            var processing = 0;
            foreach (var id in jobIds.Where(id => !final.ContainsKey(id)))
            {
                var request = Stopwatch.StartNew();
                var response = await client.GetAsync($"/api/v1/status/{id}");
                latencies.Add(request.Elapsed.TotalMilliseconds);
                if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                {
                    refused++;
                    continue;
                }

                var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
                if (status == "processing") processing++;
                if (status is "completed" or "failed" or "cancelled") final[id] = status;
            }

            maxProcessing = Math.Max(maxProcessing, processing);
            await Task.Delay(200);
        }

        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Round(p * (latencies.Count - 1)))];
        Console.WriteLine($"burst of {uploads} uploads to {baseUrl}: uploads accepted in {uploadSeconds:0.0} s, all finished after {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"completed {final.Values.Count(s => s == "completed")}/{uploads}, failed {final.Values.Count(s => s == "failed")}, unfinished {uploads - final.Count}");
        Console.WriteLine($"throughput: {final.Values.Count(s => s == "completed") / clock.Elapsed.TotalMinutes:0.0} jobs/minute (4 s 640x360 clips, defaults)");
        Console.WriteLine($"most jobs processing at once: {maxProcessing}");
        Console.WriteLine($"/status during the burst: {latencies.Count} requests ({refused} refused by the rate limiter), p50 {Percentile(0.5):0.0} ms, p95 {Percentile(0.95):0.0} ms, max {latencies[^1]:0.0} ms");
    }
}
