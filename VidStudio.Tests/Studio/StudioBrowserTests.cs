using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SkiaSharp;
using VidStudio.Tests.Support;
using Xunit.Abstractions;

namespace VidStudio.Tests.Studio;

/// <summary>
/// The Studio in Debian's Chromium, driven by Playwright against the server running as a process. No request may
/// leave the machine: everything not aimed at the server is aborted (and counted, so a page that needs the
/// internet fails the test).
/// </summary>
public sealed class StudioBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestMedia _media = new();
    private ServerProcess _server = null!;
    private LocalBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerProcess(_media.PathOf("studio-data"));
        await _server.StartAsync();
        _browser = await LocalBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _server.Dispose();
        _media.Dispose();
    }

    private Task<IPage> OpenAsync(string path, int width = 1280, int height = 800) => _browser.OpenAsync(_server, path, width, height);

    private static string ScreenshotPath(string name) => Repository.ScreenshotPath(name);

    private static async Task<int> PreviewVersionAsync(IPage page) =>
        int.Parse(await page.Locator("#preview-image").GetAttributeAsync("data-version") ?? "0");

    private static async Task WaitForNewPreviewAsync(IPage page, int after) =>
        await page.WaitForFunctionAsync("v => { const i = document.getElementById('preview-image'); return i && Number(i.dataset.version) > v && i.complete; }", after,
            new PageWaitForFunctionOptions { Timeout = 30_000 });

    private static async Task<SKBitmap> PreviewPixelsAsync(IPage page)
    {
        // The picture is a blob: URL the page made from the PNG bytes; a canvas hands its pixels back losslessly.
        var png = await page.EvaluateAsync<string>("""
            () => {
                const img = document.getElementById('preview-image');
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth;
                canvas.height = img.naturalHeight;
                canvas.getContext('2d').drawImage(img, 0, 0);
                return canvas.toDataURL('image/png');
            }
            """);
        return SKBitmap.Decode(Convert.FromBase64String(png["data:image/png;base64,".Length..]));
    }

    /// <summary>Sets a MudSlider the way a drag does: value, then an input event (the sliders update while dragged).</summary>
    private static Task MoveSliderAsync(IPage page, string slider, double value) =>
        page.Locator($"{slider} input[type=range]").EvaluateAsync("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }", value);

    [Fact]
    public async Task A_designer_uploads_tunes_converts_plays_and_downloads()
    {
        var page = await OpenAsync("/");

        // The sample loads by itself; then upload a clip of our own.
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var clip = _media.TestSource("studio-upload.mp4", 320, 240, fps: 25, seconds: 2);
        var before = await PreviewVersionAsync(page);
        await page.SetInputFilesAsync("#source-file", clip);
        await Assertions.Expect(page.Locator(".fact-resolution")).ToHaveTextAsync("320 × 240", new() { Timeout = 30_000 });
        await WaitForNewPreviewAsync(page, before);
        // 120 columns on 320 px would be under 3 px a character: the engine renders such frames at 2× to keep glyphs legible.
        await Assertions.Expect(page.Locator(".preview-facts")).ToContainTextAsync("640×480 px");

        // Moving the width slider changes the pixels of the preview, not just its address.
        before = await PreviewVersionAsync(page);
        await MoveSliderAsync(page, ".width-slider", 60);
        await WaitForNewPreviewAsync(page, before);
        await Assertions.Expect(page.Locator(".preview-facts")).ToContainTextAsync("60×");
        using var wide = await PreviewPixelsAsync(page);
        before = await PreviewVersionAsync(page);
        await MoveSliderAsync(page, ".width-slider", 40);
        await WaitForNewPreviewAsync(page, before);
        await Assertions.Expect(page.Locator(".preview-facts")).ToContainTextAsync("40×");
        using var narrow = await PreviewPixelsAsync(page);
        Assert.Equal((320, 240), (narrow.Width, narrow.Height));
        Assert.Equal((320, 240), (wide.Width, wide.Height));
        var changed = wide.Pixels.Zip(narrow.Pixels).Count(p => p.First != p.Second);
        Assert.True(changed > wide.Pixels.Length / 20, $"only {changed} pixels changed");

        // Switching style re-renders with that style's characters.
        before = await PreviewVersionAsync(page);
        await page.ClickAsync(".style-blocks");
        await WaitForNewPreviewAsync(page, before);
        await page.ClickAsync(".toggle-text input");
        var text = await page.Locator("#preview-text").TextContentAsync();
        Assert.Matches("^[ ░▒▓█\n]+$", text);
        await page.ClickAsync(".toggle-text input");

        // A shape style offers its stability, and the look is scored over the next seconds as the benchmark scores it.
        before = await PreviewVersionAsync(page);
        await page.ClickAsync(".style-shape");
        await WaitForNewPreviewAsync(page, before);
        await Assertions.Expect(page.Locator(".stability-slider")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".look-fidelity")).ToHaveTextAsync(new Regex(@"^0\.\d{3}$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".look-flicker")).ToHaveTextAsync(new Regex(@"%$"));
        var fidelity = double.Parse(await page.Locator(".look-fidelity").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(fidelity, 0.2, 1.0);
        // Tone-true shape matching keeps the test card's light and shade: no hint to change the look.
        var tone = double.Parse(await page.Locator(".look-tone").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(tone, 0.8, 1.0);
        await Assertions.Expect(page.Locator(".look-detail")).ToHaveTextAsync(new Regex(@"^-?\d\.\d{2}$"));
        await Assertions.Expect(page.Locator(".low-tone-hint")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("studio.png"), FullPage = true });

        // Inverted on a black background draws the picture as its negative: the Studio says so and suggests a way out.
        before = await PreviewVersionAsync(page);
        await page.ClickAsync(".style-inverted");
        await WaitForNewPreviewAsync(page, before);
        await Assertions.Expect(page.Locator(".low-tone-hint")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".low-tone-hint")).ToContainTextAsync("Auto levels");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("studio-low-tone.png"), FullPage = true });
        before = await PreviewVersionAsync(page);
        await page.ClickAsync(".style-blocks");
        await WaitForNewPreviewAsync(page, before);

        // Convert; the job appears in the list and completes there.
        await page.ClickAsync("#convert-button");
        var queued = await page.Locator(".mud-snackbar").Filter(new() { HasTextRegex = new Regex("Job [0-9a-f]{12} queued") }).TextContentAsync();
        var jobId = Regex.Match(queued!, "[0-9a-f]{12}").Value;
        var row = page.Locator("tr.job-row", new() { Has = page.Locator($"[data-job-id='{jobId}']") });
        await Assertions.Expect(row.Locator("[data-status='completed']")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // The job page plays the MP4 and offers the downloads.
        await row.Locator("a.job-link").ClickAsync();
        // Blazor navigates within the page (history API): there is no load event to wait for.
        await page.WaitForURLAsync($"**/jobs/{jobId}", new() { WaitUntil = WaitUntilState.Commit });
        var duration = await page.WaitForFunctionAsync("() => { const v = document.getElementById('job-video'); return v && v.readyState >= 1 && v.duration > 0 ? v.duration : null; }",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.InRange(await duration.JsonValueAsync<double>(), 1.9, 2.1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("job.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".download-png"));
        var zipPath = _media.PathOf("downloaded.zip");
        await download.SaveAsAsync(zipPath);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            Assert.Equal(50, zip.Entries.Count);
            Assert.All(zip.Entries, e => Assert.Matches(@"^frame_\d{6}\.png$", e.Name));
        }

        // "Open in Studio" continues from the job's parameters.
        await page.ClickAsync(".open-in-studio");
        await Assertions.Expect(page.Locator(".width-slider")).ToContainTextAsync("Width: 40", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator(".style-blocks")).ToHaveClassAsync(new Regex("selected"));

        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
        output.WriteLine($"screenshots: {ScreenshotPath("studio.png")}, {ScreenshotPath("job.png")}");
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_is_refused_with_a_clear_message()
    {
        var page = await OpenAsync("/");
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var notes = _media.PathOf("notes.mp4");
        await File.WriteAllTextAsync(notes, "meeting notes, not a video");

        await page.SetInputFilesAsync("#source-file", notes);

        await Assertions.Expect(page.Locator(".source-error")).ToContainTextAsync("'notes.mp4': The file is not a video", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".fact-resolution")).ToHaveTextAsync("960 × 540");
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }

    [Fact]
    public async Task A_callback_to_a_private_address_is_refused_before_anything_is_queued()
    {
        var page = await OpenAsync("/");
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.Locator(".callback-url-field input").FillAsync("http://127.0.0.1:9/hook");
        await page.ClickAsync("#convert-button");

        // The same policy (and message) as the API's 422: this server calls no loopback or private address by default.
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("does not resolve to public addresses only", new() { Timeout = 15_000 });
        var jobs = await (await _server.Client.GetAsync($"{_server.BaseUrl}/api/v1/jobs")).JsonAsync();
        Assert.Equal(0, jobs.GetProperty("total").GetInt32());
        Assert.Equal(0, await page.Locator(".new-key-value").CountAsync());
    }

    [Fact]
    public async Task The_job_list_follows_a_job_started_through_the_api_without_a_reload()
    {
        var page = await OpenAsync("/jobs");
        await page.WaitForSelectorAsync(".job-list");
        await page.EvaluateAsync("() => window.__loadedOnce = true");

        var clip = _media.TestSource("api-started.mp4", 640, 360, seconds: 4);
        var queued = await _server.Client.PostAsync($"{_server.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip, ("width", "80")));
        var jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;

        var row = page.Locator("tr.job-row", new() { Has = page.Locator($"[data-job-id='{jobId}']") });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(row.Locator("[data-status='completed']")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__loadedOnce === true"), "the page was reloaded");
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }

    [Fact]
    public async Task The_studio_fits_a_phone_screen()
    {
        var page = await OpenAsync("/", 390, 844);
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("studio-phone.png"), FullPage = true });
        Assert.True(overflow <= 1, $"the page is {overflow}px wider than a phone screen");
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }

    [Fact]
    public async Task Preview_latency_from_slider_input_to_the_new_image()
    {
        // A measurement for the record (written to the test output and TestResults), not a timed assertion.
        var page = await OpenAsync("/");
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('preview-image').complete");

        var latencies = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var width = i % 2 == 0 ? 240 : 239 - i;
            latencies.Add(await page.EvaluateAsync<double>("""
                async (value) => {
                    const v0 = Number(document.getElementById('preview-image').dataset.version);
                    const input = document.querySelector('.width-slider input[type=range]');
                    const t0 = performance.now();
                    input.value = value;
                    input.dispatchEvent(new Event('input', { bubbles: true }));
                    for (;;) {
                        const img = document.getElementById('preview-image');
                        if (Number(img.dataset.version) > v0) { await img.decode(); return performance.now() - t0; }
                        await new Promise(r => requestAnimationFrame(r));
                    }
                }
                """, width));
        }

        latencies.Sort();
        var median = latencies[latencies.Count / 2];
        var p95 = latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1];
        var report = $"slider input -> new preview image decoded, {latencies.Count} moves on a 960x540 source at widths 200-240: median {median:0} ms, p95 {p95:0} ms, max {latencies[^1]:0} ms";
        output.WriteLine(report);
        await File.WriteAllTextAsync(ScreenshotPath("../preview-latency.txt"), report + Environment.NewLine);
        Assert.Equal(40, latencies.Count(l => l > 0));
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }
}
