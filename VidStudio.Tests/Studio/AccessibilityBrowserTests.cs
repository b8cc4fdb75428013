using System.Text.Json;
using Microsoft.Playwright;
using SkiaSharp;
using VidStudio.Tests.Support;
using Xunit.Abstractions;

namespace VidStudio.Tests.Studio;

/// <summary>
/// The Studio, the jobs list and a job's page as axe-core sees them in Chromium (no serious or critical violation), and
/// the Studio worked by keyboard alone: Tab reaches every control, and each shows where the focus is.
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
    public async Task Tab_reaches_every_studio_control_and_each_shows_its_focus()
    {
        var page = await OpenStudioAsync();

        var stops = await WalkByTabAsync(page, "studio");

        // Among them the ones a mouse user clicks most: the file, a style, a slider, a switch, a preset and Convert.
        foreach (var control in new[] { "input#source-file.", "button.style-choice.", "input.mud-slider-input", "input.mud-switch-input", "button.mud-chip", "button#convert-button." })
        {
            Assert.Contains(stops, stop => stop.StartsWith(control, StringComparison.Ordinal));
        }

        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }

    /// <summary>
    /// Presses Tab from the top of the page until the focus comes round again. Fails unless every control that can take
    /// the focus (visible, enabled, not taken out of the order) was reached, and unless each, focused, looks different
    /// from itself unfocused around its box (a ring, a border, a colour). Returns the stops, one description each.
    /// </summary>
    private async Task<List<string>> WalkByTabAsync(IPage page, string name)
    {
        var controls = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('a[href], button, input, select, textarea, video[controls], [tabindex]')]
                .filter(e => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                .map((e, i) => { e.dataset.tabControl = i; return `${i}`; })
            """);
        var stops = new List<string>();
        var unseen = new HashSet<string>(controls);
        var invisible = new List<string>();
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        for (var press = 0; press < controls.Length * 2 + 10; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement>("""
                () => {
                    const e = document.activeElement;
                    if (!e || e === document.body) return null;
                    const r = e.getBoundingClientRect();
                    return { control: e.dataset.tabControl ?? '', describe: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`,
                             x: r.x, y: r.y, width: r.width, height: r.height };
                }
                """);
            if (focused.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var control = focused.GetProperty("control").GetString()!;
            var describe = focused.GetProperty("describe").GetString()!;
            if (stops.Count > 0 && stops[0] == describe)
            {
                break;
            }

            stops.Add(describe);
            unseen.Remove(control);
            var clip = Around(page, focused);
            var withFocus = await page.ScreenshotAsync(new PageScreenshotOptions { Clip = clip, Animations = ScreenshotAnimations.Disabled });
            if (stops.Count % 15 == 1)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath($"a11y-{name}-focus-{stops.Count}.png"), Animations = ScreenshotAnimations.Disabled });
            }

            // Blurred, the next Tab still starts from here (Chromium keeps the sequential focus starting point).
            await page.EvaluateAsync("() => document.activeElement.blur()");
            var withoutFocus = await page.ScreenshotAsync(new PageScreenshotOptions { Clip = clip, Animations = ScreenshotAnimations.Disabled });
            var changed = ChangedPixels(withFocus, withoutFocus);
            if (changed < MinFocusPixels)
            {
                invisible.Add($"{describe} ({changed} pixels change)");
            }
        }

        output.WriteLine($"{name}: {stops.Count} Tab stops:\n  " + string.Join("\n  ", stops));
        var missed = await page.EvaluateAsync<string[]>("""
            ids => ids.map(i => document.querySelector(`[data-tab-control="${i}"]`)).filter(e => e)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} "${e.getAttribute('aria-label') ?? e.textContent.trim().slice(0, 40)}"`)
            """, unseen.ToArray());
        Assert.True(missed.Length == 0, $"Tab never reaches {missed.Length} controls of the {name} page:\n  " + string.Join("\n  ", missed));
        Assert.True(invisible.Count == 0, $"{invisible.Count} controls of the {name} page look the same focused and unfocused:\n  " + string.Join("\n  ", invisible));
        return stops;
    }

    /// <summary>A ring or a shadow around a control of ~20 px is well over this many pixels.</summary>
    private const int MinFocusPixels = 40;

    /// <summary>The control's box with room for a ring around it, inside the viewport.</summary>
    private static Clip Around(IPage page, JsonElement box)
    {
        const double Margin = 8;
        var viewport = page.ViewportSize!;
        var left = Math.Max(0, box.GetProperty("x").GetDouble() - Margin);
        var top = Math.Max(0, box.GetProperty("y").GetDouble() - Margin);
        var right = Math.Min(viewport.Width, box.GetProperty("x").GetDouble() + box.GetProperty("width").GetDouble() + Margin);
        var bottom = Math.Min(viewport.Height, box.GetProperty("y").GetDouble() + box.GetProperty("height").GetDouble() + Margin);
        return new Clip { X = (float)left, Y = (float)top, Width = (float)Math.Max(1, right - left), Height = (float)Math.Max(1, bottom - top) };
    }

    /// <summary>Pixels whose colour differs clearly (more than a rounding or anti-aliasing step in some channel).</summary>
    private static int ChangedPixels(byte[] first, byte[] second)
    {
        using var a = SKBitmap.Decode(first);
        using var b = SKBitmap.Decode(second);
        if (a.Width != b.Width || a.Height != b.Height)
        {
            return int.MaxValue;
        }

        return a.Pixels.Zip(b.Pixels).Count(p =>
            Math.Max(Math.Abs(p.First.Red - p.Second.Red), Math.Max(Math.Abs(p.First.Green - p.Second.Green), Math.Abs(p.First.Blue - p.Second.Blue))) > 40);
    }
}
