using Microsoft.Playwright;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Studio;

/// <summary>
/// The Studio's playing preview and Compare mode in Debian's Chromium against the server running as a process: the
/// element showing the preview carries data-frame-index, which the tests follow (rising indexes, never a rate).
/// </summary>
public sealed class PreviewPlayerBrowserTests : IAsyncLifetime
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

    private static readonly PageWaitForFunctionOptions Patiently = new() { Timeout = 30_000 };

    private static ILocator PlayButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    private static ILocator PauseButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });

    private static async Task<int> FrameIndexAsync(IPage page, int view = 0) =>
        int.Parse(await page.Locator(".preview-view").Nth(view).GetAttributeAsync("data-frame-index") ?? "-1");

    /// <summary>Waits until the preview shows a frame after <paramref name="after"/>, and returns it.</summary>
    private static async Task<int> FrameAfterAsync(IPage page, int after)
    {
        await page.WaitForFunctionAsync("i => Number(document.querySelector('.preview-view').dataset.frameIndex) > i", after, Patiently);
        return await FrameIndexAsync(page);
    }

    /// <summary>
    /// Waits for a settled preview: the still is on screen (not the played canvas) and its frame has not changed for half
    /// a second (a playing preview changes it every 40 ms); returns that frame.
    /// </summary>
    private static async Task<int> SettledFrameAsync(IPage page)
    {
        await page.WaitForFunctionAsync("""
            () => {
                const view = document.querySelector('.preview-view');
                const index = view.dataset.frameIndex, now = performance.now();
                if (view.classList.contains('playing') || index !== window.lastIndex) {
                    window.lastIndex = index;
                    window.lastChange = now;
                    return false;
                }
                return now - window.lastChange >= 500;
            }
            """, null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 50 });
        return await FrameIndexAsync(page);
    }

    [Fact]
    public async Task Play_advances_the_frame_Pause_stops_it_Space_toggles_and_the_arrows_step()
    {
        var page = await _browser.OpenAsync(_server, "/");
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var clip = _media.TestSource("play.mp4", 640, 360, fps: 25, seconds: 8, audio: false);
        var sampleVersion = await page.Locator("#preview-image").GetAttributeAsync("data-version");
        await page.SetInputFilesAsync("#source-file", clip);
        await Assertions.Expect(page.Locator(".fact-resolution")).ToHaveTextAsync("640 × 360", new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("v => document.getElementById('preview-image').dataset.version !== v", sampleVersion, Patiently);
        var start = await SettledFrameAsync(page);
        Assert.Equal(25, start); // the scrubber starts at 1 s

        await PlayButton(page).ClickAsync();
        await Assertions.Expect(PauseButton(page)).ToBeVisibleAsync();
        var first = await FrameAfterAsync(page, start);
        var second = await FrameAfterAsync(page, first);
        var third = await FrameAfterAsync(page, second);
        Assert.True(start < first && first < second && second < third, $"frames {start}, {first}, {second}, {third} do not rise");
        Assert.Equal("true", await page.Locator(".preview-view").First.EvaluateAsync<string>("v => String(v.classList.contains('playing'))"));

        await PauseButton(page).ClickAsync();
        await Assertions.Expect(PlayButton(page)).ToBeVisibleAsync();
        var paused = await SettledFrameAsync(page);
        Assert.True(paused >= third, $"paused at {paused}, before the frame {third} already shown");
        // The still that replaced the played picture is of the frame the preview stopped at.
        await Assertions.Expect(page.Locator(".preview-facts")).ToContainTextAsync($"frame {paused} ");

        // Space plays and pauses while the preview has the focus.
        await page.Locator(".preview-stage").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(PauseButton(page)).ToBeVisibleAsync();
        var resumed = await FrameAfterAsync(page, paused);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(PlayButton(page)).ToBeVisibleAsync();
        var pausedAgain = await SettledFrameAsync(page);
        Assert.True(pausedAgain >= resumed, $"paused at {pausedAgain}, before the frame {resumed} already shown");

        // The arrows step one frame each way.
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("i => Number(document.querySelector('.preview-view').dataset.frameIndex) === i", pausedAgain + 1, Patiently);
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForFunctionAsync("i => Number(document.querySelector('.preview-view').dataset.frameIndex) === i", pausedAgain - 1, Patiently);
        Assert.Equal(pausedAgain - 1, await SettledFrameAsync(page));

        // Played to its end, the clip stops on its last frame. Pause first: until the circuit has taken the click, Play
        // is still the button on screen, and waiting for Play alone would pass before playing began.
        await PlayButton(page).ClickAsync();
        await Assertions.Expect(PauseButton(page)).ToBeVisibleAsync();
        await Assertions.Expect(PlayButton(page)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(8 * 25 - 1, await SettledFrameAsync(page));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("studio-played-to-the-end.png") });
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }

    [Fact]
    public async Task With_the_text_shown_the_playing_preview_writes_each_frame_as_text_and_stops_on_the_still_s_text()
    {
        var page = await _browser.OpenAsync(_server, "/");
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.Locator(".toggle-text input").ClickAsync();
        await Assertions.Expect(page.Locator("#preview-text")).ToBeVisibleAsync();
        var start = await SettledFrameAsync(page);
        var stillText = await page.Locator("#preview-text").TextContentAsync();

        await PlayButton(page).ClickAsync();
        var playedText = page.Locator(".played-text").First;
        await Assertions.Expect(playedText).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#preview-text")).ToBeHiddenAsync();
        // The sample moves: frames further on read differently, and every one is a whole grid of the still's shape.
        var texts = new HashSet<string>();
        var shown = start;
        for (var i = 0; i < 3; i++)
        {
            shown = await FrameAfterAsync(page, shown);
            texts.Add((await playedText.TextContentAsync())!);
        }

        Assert.True(texts.Count > 1, "the text did not change while the preview played");
        var stillLines = stillText!.Split('\n');
        Assert.All(texts, text => Assert.Equal(stillLines.Select(line => line.EnumerateRunes().Count()), text.Split('\n').Select(line => line.EnumerateRunes().Count())));

        await PauseButton(page).ClickAsync();
        var paused = await SettledFrameAsync(page);
        await Assertions.Expect(page.Locator(".preview-facts")).ToContainTextAsync($"frame {paused} ");
        await Assertions.Expect(page.Locator("#preview-text")).ToBeVisibleAsync();
        await Assertions.Expect(playedText).ToBeHiddenAsync();
        // The last frame played, as text, is the still's text of the frame it stopped at: what the job's text frame will hold.
        Assert.Equal(await page.Locator("#preview-text").TextContentAsync(), await playedText.TextContentAsync());
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }

    [Fact]
    public async Task Compare_shows_two_looks_of_the_same_frame_playing_in_sync()
    {
        var page = await _browser.OpenAsync(_server, "/");
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.Locator(".toggle-compare input").ClickAsync();
        await page.WaitForSelectorAsync("#compare-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".preview-view")).ToHaveCountAsync(2);
        var still = await FrameIndexAsync(page);
        Assert.Equal(still, await FrameIndexAsync(page, 1));
        // Each look has its own score line. Each score decodes and renders 2 s of the clip; beside a CPU burner and the
        // other tests' servers the first took ~30 s to appear, so the wait is as long as the still's own.
        await Assertions.Expect(page.Locator(".look-score")).ToHaveCountAsync(2, new() { Timeout = 90_000 });

        await PlayButton(page).ClickAsync();
        await FrameAfterAsync(page, still + 2);
        // Both views are drawn in one step: read in one go, they always show the same frame. Read at every animation frame
        // for at least 20 of them, and on until the shown frame has moved (a busy machine can hold the player a while
        // between two frames), or 15 s have passed.
        var pairs = await page.EvaluateAsync<string[]>("""
            async () => {
                const views = [...document.querySelectorAll('.preview-view')], pairs = [], until = performance.now() + 15000;
                const moved = () => new Set(pairs.map(p => p.split('/')[0])).size > 1;
                while (pairs.length < 20 || (!moved() && performance.now() < until)) {
                    pairs.push(views.map(v => v.dataset.frameIndex).join('/'));
                    await new Promise(r => requestAnimationFrame(r));
                }
                return pairs;
            }
            """);
        Assert.All(pairs, pair => Assert.Equal(pair.Split('/')[0], pair.Split('/')[1]));
        Assert.True(pairs.Select(p => int.Parse(p.Split('/')[0])).Distinct().Count() > 1, "the compared views did not play");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("studio-compare-playing.png") });

        // Pinning the current look compares it with itself after the look changes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Pin this look" }).ClickAsync();
        await Assertions.Expect(PlayButton(page)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".preview-label").Nth(1)).ToHaveTextAsync("Pinned look");
        await page.Locator(".toggle-split input").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Slider, new() { Name = "Split position" })).ToBeVisibleAsync();
        var settled = await SettledFrameAsync(page);
        await page.WaitForFunctionAsync("i => Number(document.querySelectorAll('.preview-view')[1].dataset.frameIndex) === i", settled, Patiently);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("studio-compare-split.png") });
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }
}
