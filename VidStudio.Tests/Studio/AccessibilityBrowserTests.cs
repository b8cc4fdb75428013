using Microsoft.Playwright;
using VidStudio.Tests.Support;
using Xunit.Abstractions;

namespace VidStudio.Tests.Studio;

/// <summary>
/// The Studio, the jobs list and a job's page as axe-core sees them in Chromium (no serious or critical violation), and
/// the Studio and a job's page worked by keyboard alone: Tab reaches every control, and each shows where the focus is.
/// </summary>
public sealed class AccessibilityBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestMedia _media = new();
    private ServerProcess _server = null!;
    private LocalBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerProcess(_media.PathOf("a11y-data"));
        await _server.StartAsync();
        _browser = await LocalBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _server.Dispose();
        _media.Dispose();
    }

    private async Task<IPage> OpenStudioAsync()
    {
        var page = await _browser.OpenAsync(_server, "/");
        // The built-in sample is loaded and drawn: the Studio with a source, as a user first sees it.
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 90_000 });
        return page;
    }

    [Fact]
    public async Task The_studio_the_jobs_list_and_a_job_page_have_no_serious_accessibility_violation()
    {
        var clip = _media.TestSource("a11y.mp4", 320, 180, seconds: 2);
        var queued = await _server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "60"), ("save_txt", "true")));
        var jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(_server.Client, jobId))[^1].GetProperty("status").GetString());

        var page = await OpenStudioAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the Studio", output);

        // The controls that appear only for some looks: a shape style's stability and symbols, the seed, the GIF's width, the frame rate.
        foreach (var (click, shown) in new[]
                 {
                     (".style-shape", ".stability-slider"), (".random-colors-switch input", ".seed-field"), (".save-gif-switch input", ".gif-width-field"),
                     (".fps-slider input[type=checkbox]", ".fps-slider input[type=range]"),
                 })
        {
            await page.ClickAsync(click);
            await Assertions.Expect(page.Locator(shown)).ToBeVisibleAsync();
        }

        await Axe.AssertNoSeriousViolationsAsync(page, "the Studio with every optional control shown", output);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("a11y-studio.png"), FullPage = true });

        await page.ClickAsync("#nav-jobs");
        await Assertions.Expect(page.Locator($"[data-job-id='{jobId}']")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the jobs list", output);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("a11y-jobs.png"), FullPage = true });

        await page.Locator($"[data-job-id='{jobId}']").ClickAsync();
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('job-video'); return v && v.readyState >= 1; }", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".frame-image")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the job page", output);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("a11y-job.png"), FullPage = true });

        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }

    [Fact]
    public async Task Tab_reaches_every_control_of_the_studio_and_of_a_job_page_and_each_shows_its_focus()
    {
        var clip = _media.TestSource("keyboard.mp4", 320, 180, seconds: 1);
        var queued = await _server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "40"), ("save_txt", "true")));
        var jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
        var page = await OpenStudioAsync();

        var stops = await KeyboardFocus.WalkByTabAsync(page, "studio", output);

        // Among them the ones a mouse user clicks most: the file, a style, a slider, a switch, a preset and Convert.
        foreach (var control in new[] { "input#source-file.", "button.style-choice.", "input.mud-slider-input", "input.mud-switch-input", "button.mud-chip", "button#convert-button." })
        {
            Assert.Contains(stops, stop => stop.StartsWith(control, StringComparison.Ordinal));
        }

        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(_server.Client, jobId))[^1].GetProperty("status").GetString());
        await page.GotoAsync($"{_server.BaseUrl}/jobs/{jobId}");
        await Assertions.Expect(page.Locator(".frame-image")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Once live, the page puts the focus on its heading (for screen readers): the walk starts after that. Live alone
        // is not enough: on a busy machine the heading took the focus one Tab into the walk, which then skipped the menu.
        await AuthBrowserTests.WaitUntilLiveAsync(page);
        await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'", null, new() { Timeout = 30_000 });
        stops = await KeyboardFocus.WalkByTabAsync(page, "job", output);
        Assert.Contains(stops, stop => stop.StartsWith("button.frame-next", StringComparison.Ordinal) || stop.Contains(".frame-next", StringComparison.Ordinal));

        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }
}
