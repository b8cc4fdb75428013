using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;

namespace VidStudio.Bench;

/// <summary>
/// Issue 25's targets, each beside its reference in the same run: MP4 only against ffmpeg's own transcode of the same
/// source, GIF only against MP4 only, the fixed cost of a 3-frame clip through the published CLI (process start to
/// exit), the published server's peak memory with four default jobs at once, and its cost of one job before its first
/// frame.
/// </summary>
internal static class Targets
{
    /// <summary>Default jobs run at once in the server's memory target.</summary>
    private const int ServerJobs = 4;

    /// <summary>Jobs run one after the other for the median cost before a job's first frame.</summary>
    private const int FirstFrameJobs = 5;

    public static async Task RunAsync(VideoConverter converter, ConverterSettings settings, string work, IReadOnlyList<string> clips, int runs, int seconds)
    {
        var table = new List<string[]> { new[] { "target", "VidStudio", "reference", "ratio", "goal" } };

        // MP4 only against the user's yardstick, ffmpeg transcoding the same source with the same preset and crf, with audio.
        foreach (var clip in clips)
        {
            var name = Path.GetFileName(clip);
            var mp4 = await BestSecondsAsync(runs, () => ConvertSecondsAsync(converter, clip, Path.Combine(work, "target-mp4"), new ConversionOptions { SavePng = false }));
            var transcode = await BestSecondsAsync(runs, () => Floors.TranscodeSecondsAsync(clip, settings.EncoderPreset, ConversionOptions.DefaultCrf, work));
            table.Add([$"MP4 only vs ffmpeg transcode, {name}", $"{mp4:0.00} s", $"{transcode:0.00} s", $"{transcode / mp4:0.00}x", ">= 1.0x"]);
            var gif = await BestSecondsAsync(runs, () => ConvertSecondsAsync(converter, clip, Path.Combine(work, "target-gif"),
                new ConversionOptions { SaveGif = true, SavePng = false, SaveMp4 = false }));
            table.Add([$"GIF only / MP4 only time, {name}", $"{gif:0.00} s", $"{mp4:0.00} s", $"{gif / mp4:0.00}x", "<= 1.5x"]);
        }

        var cli = await PublishAsync("VidStudio.Cli", work);
        foreach (var frames in new[] { 3, 1 })
        {
            var clip = await Inputs.ShortClipAsync(work, frames);
            var output = Path.Combine(work, "target-cli");
            var fixedCost = await MedianSecondsAsync(5, () => ProcessSecondsAsync(Path.Combine(cli, "vidstudio"), "convert", clip, output, "--save-png", "false"));
            // ffmpeg transcoding the same clip is one process start, one x264 start and drain: the floor below which no
            // pipeline of ffmpeg processes can go.
            var transcode = await MedianSecondsAsync(5, () => Floors.TranscodeSecondsAsync(clip, settings.EncoderPreset, ConversionOptions.DefaultCrf, work));
            table.Add([$"fixed cost, {frames}-frame clip, MP4 only, CLI start to exit (reference: ffmpeg's transcode of it)", $"{fixedCost:0.000} s",
                $"{transcode:0.000} s", $"{transcode / fixedCost:0.00}x", frames == 3 ? "<= 0.25 s" : ""]);
        }

        var server = await ServerFiguresAsync(await PublishAsync("VidStudio.Web", work), work, await Inputs.TestClipAsync(work, 1920, 1080, seconds));
        table.Add([$"server peak RSS, {ServerJobs} default PNG+MP4 jobs at once (1080p, {seconds} s)", $"{server.OwnMegabytes:0} MB", $"with ffmpeg children {server.WithChildrenMegabytes:0} MB", "-", "<= 300 MB"]);
        table.Add([$"server, one default job alone: Hangfire's hand-over to its first frame (median of {FirstFrameJobs})", $"{server.FirstFrameMs:0} ms", "-", "-", "<= 150 ms"]);
        Table.Print(table);
    }

    private static async Task<double> ConvertSecondsAsync(VideoConverter converter, string clip, string output, ConversionOptions options)
    {
        if (Directory.Exists(output)) Directory.Delete(output, true);
        var clock = Stopwatch.StartNew();
        await converter.ConvertAsync(clip, output, options);
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> ProcessSecondsAsync(string executable, params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        await Shell.RunAsync(executable, arguments);
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> BestSecondsAsync(int runs, Func<Task<double>> measure)
    {
        var best = double.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            best = Math.Min(best, await measure());
        }

        return best;
    }

    /// <summary>The median of a few runs after one untimed: a fixed cost of a few hundred ms is easily moved by one disturbed run.</summary>
    private static async Task<double> MedianSecondsAsync(int runs, Func<Task<double>> measure)
    {
        await measure();
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            times.Add(await measure());
        }

        times.Sort();
        return times[runs / 2];
    }

    /// <summary>Publishes a project of this repository in Release, as it ships (README), into the work folder.</summary>
    private static async Task<string> PublishAsync(string project, string work)
    {
        var output = Path.Combine(work, "publish-" + project);
        await Shell.RunAsync("dotnet", "publish", Path.Combine(RepositoryRoot(), project, project + ".csproj"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VidStudio.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The benchmark runs from its build output inside the repository.");
    }

    private sealed record ServerFigures(double OwnMegabytes, double WithChildrenMegabytes, double FirstFrameMs);

    /// <summary>
    /// Starts the published server the way the Docker image does (Production, a data folder of its own), uploads
    /// <see cref="ServerJobs"/> copies of <paramref name="clip"/> with the default options at once and samples the
    /// server's memory until they have all finished; then runs <see cref="FirstFrameJobs"/> more one at a time and reads
    /// from the server's log how long each took from Hangfire's hand-over to its first frame.
    /// </summary>
    private static async Task<ServerFigures> ServerFiguresAsync(string published, string work, string clip)
    {
        var data = Path.Combine(work, "server-data");
        if (Directory.Exists(data)) Directory.Delete(data, true);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = published, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("VidStudio.Web.dll");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = baseUrl;
        start.Environment["VidStudio__DataDirectory"] = data;
        start.Environment["VidStudio__MaxConcurrentJobs"] = ServerJobs.ToString();
        using var server = Process.Start(start)!;
        var firstFrames = new System.Collections.Concurrent.ConcurrentQueue<double>();
        server.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && FirstFrameLogged.Match(text) is { Success: true } match)
            {
                firstFrames.Enqueue(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
            await WaitHealthyAsync(client);
            var bytes = await File.ReadAllBytesAsync(clip);
            double own, withChildren;
            using (var memory = new PeakMemorySampler(server.Id))
            {
                await CompleteAllAsync(client, await Task.WhenAll(Enumerable.Range(0, ServerJobs).Select(_ => ServerUploads.SubmitAsync(client, bytes, Path.GetFileName(clip)))));
                (own, withChildren) = (memory.PeakOwnMegabytes, memory.PeakMegabytes);
            }

            firstFrames.Clear();
            for (var run = 1; run <= FirstFrameJobs; run++)
            {
                await CompleteAllAsync(client, [await ServerUploads.SubmitAsync(client, bytes, Path.GetFileName(clip))]);
                // The server logs the time just after the status turns "completed".
                for (var wait = 0; firstFrames.Count < run; wait++)
                {
                    if (wait == 100) throw new InvalidOperationException($"the server did not log job {run}'s first-frame time");
                    await Task.Delay(50);
                }
            }

            var sorted = firstFrames.Order().ToArray();
            return new ServerFigures(own, withChildren, sorted[sorted.Length / 2]);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static readonly System.Text.RegularExpressions.Regex FirstFrameLogged = new(@"first frame (\d+) ms after Hangfire handed the run over");

    private static async Task CompleteAllAsync(HttpClient client, IEnumerable<string> jobs)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        foreach (var job in jobs)
        {
            while (await StatusAsync(client, job) is not ("completed" or "failed" or "cancelled") and var status)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {job} still {status} after 5 minutes");
                await Task.Delay(200);
            }

            if (await StatusAsync(client, job) != "completed") throw new InvalidOperationException($"server job {job} did not complete");
        }
    }

    private static async Task<string> StatusAsync(HttpClient client, string job) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/status/{job}")).RootElement.GetProperty("status").GetString()!;

    private static async Task WaitHealthyAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/api/v1/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the published server did not answer /api/v1/health within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
