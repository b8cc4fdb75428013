using System.Globalization;
using Microsoft.Playwright;
using SkiaSharp;
using VidStudio.Tests.Support;
using Xunit.Abstractions;

namespace VidStudio.Tests.Studio;

/// <summary>The job page's Frames panel for a job that saved only its MP4: it steps the player through the video's frames.</summary>
public sealed class JobFramesBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Fps = 25;

    private readonly TestMedia _media = new();
    private ServerProcess _server = null!;
    private LocalBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerProcess(_media.PathOf("frames-data"));
        await _server.StartAsync();
        _browser = await LocalBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _server.Dispose();
        _media.Dispose();
    }

    [Fact]
    public async Task A_job_that_saved_only_its_mp4_shows_each_frame_in_the_paused_player()
    {
        var clip = _media.TestSource("mp4-only.mp4", 320, 180, fps: Fps, seconds: 2);
        var queued = await _server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "60"), ("save_png", "false"), ("save_txt", "false")));
        var jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(_server.Client, jobId))[^1].GetProperty("status").GetString());
        var video = _media.PathOf("job.mp4");
        await File.WriteAllBytesAsync(video, await _server.Client.GetByteArrayAsync($"/api/v1/download/{jobId}/video"));

        var page = await _browser.OpenAsync(_server, $"/jobs/{jobId}");
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('job-video'); return v && v.readyState >= 1; }", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".frames-in-video")).ToBeVisibleAsync();
        // A click before the page is live would be lost.
        await AuthBrowserTests.WaitUntilLiveAsync(page);
        Assert.Equal(0, await page.Locator(".frame-image, .frame-text").CountAsync());
        // No file of its own to download for a frame that lives only in the video.
        Assert.Equal(0, await page.Locator(".downloads a", new PageLocatorOptions { HasText = "This frame" }).CountAsync());

        for (var i = 0; i < 3; i++)
        {
            await page.ClickAsync(".frame-next");
        }

        await Assertions.Expect(page.Locator(".frame-number")).ToHaveTextAsync("4 / 50");
        await AssertShowsFrameAsync(page, video, 3);

        await page.Locator(".frames-panel input[type=range]").EvaluateAsync("el => { el.value = 30; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await Assertions.Expect(page.Locator(".frame-number")).ToHaveTextAsync("31 / 50");
        await AssertShowsFrameAsync(page, video, 30);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("job-mp4-only.png"), FullPage = true });

        await Axe.AssertNoSeriousViolationsAsync(page, "the page of a job that saved only its MP4", output);
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }

    /// <summary>
    /// The player is paused on a decoded picture that is closer to <paramref name="frame"/> of the MP4 (as ffmpeg decodes
    /// it) than to the frames on either side.
    /// </summary>
    private async Task AssertShowsFrameAsync(IPage page, string video, int frame)
    {
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('job-video'); return v.paused && !v.seeking && v.readyState >= 2; }", null,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        var shown = await page.EvaluateAsync<string>("""
            () => {
                const video = document.getElementById('job-video');
                const canvas = document.createElement('canvas');
                canvas.width = video.videoWidth;
                canvas.height = video.videoHeight;
                canvas.getContext('2d').drawImage(video, 0, 0);
                return canvas.toDataURL('image/png');
            }
            """);
        using var picture = SKBitmap.Decode(Convert.FromBase64String(shown["data:image/png;base64,".Length..]));
        var distances = new[] { frame - 1, frame, frame + 1 }.ToDictionary(n => n, n =>
        {
            using var decoded = DecodeFrame(video, n);
            return MeanDifference(picture, decoded);
        });
        output.WriteLine($"frame {frame}: mean difference to frames {string.Join(", ", distances.Select(d => $"{d.Key}: {d.Value:0.00}"))}");
        Assert.True(distances[frame] < distances[frame - 1] && distances[frame] < distances[frame + 1],
            $"the player does not show frame {frame}: " + string.Join(", ", distances.Select(d => $"{d.Key}: {d.Value:0.00}")));
    }

    private SKBitmap DecodeFrame(string video, int frame)
    {
        var png = _media.PathOf($"frame-{frame}.png");
        TestMedia.Ffmpeg("-i", video, "-vf", $"select=eq(n\\,{frame.ToString(CultureInfo.InvariantCulture)})", "-frames:v", "1", "-y", png);
        return SKBitmap.Decode(png);
    }

    private static double MeanDifference(SKBitmap a, SKBitmap b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        return a.Pixels.Zip(b.Pixels).Average(p => (Math.Abs(p.First.Red - p.Second.Red) + Math.Abs(p.First.Green - p.Second.Green) + Math.Abs(p.First.Blue - p.Second.Blue)) / 3.0);
    }
}
