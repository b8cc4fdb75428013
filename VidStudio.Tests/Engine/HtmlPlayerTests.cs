using SkiaSharp;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Output.HtmlPlayer;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Engine;

/// <summary>
/// <c>player.html</c> opened from disk in Debian's Chromium, as a user who downloaded it would: no server, and every
/// request the page makes is recorded (there must be none).
/// </summary>
public sealed class HtmlPlayerTests(Support.Engine engine) : IClassFixture<Support.Engine>, IAsyncLifetime
{
    private const int Fps = 25;
    private LocalBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await LocalBrowser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Theory]
    [InlineData(ColorMode.Source, true)]
    [InlineData(ColorMode.Cell, true)]
    [InlineData(ColorMode.Fixed, false)]
    public async Task The_player_shows_the_png_of_the_time_it_is_scrubbed_to_plays_on_and_needs_no_network(ColorMode colorMode, bool audio)
    {
        var source = engine.Media.TestSource($"player-{audio}.mp4", 320, 180, fps: Fps, seconds: 3, audio: audio);
        var output = engine.Media.NewOutputFolder();
        var options = new ConversionOptions { Width = 40, ColorMode = colorMode, RandomColors = colorMode == ColorMode.Fixed, SaveHtml = true, SavePng = true, SaveMp4 = false };
        var result = await engine.Converter.ConvertAsync(source, output, options);
        Assert.Contains(result.Artifacts, a => a.Kind == HtmlPlayerOutput.Format.Kind && a.FileName == HtmlPlayerOutput.FileName);
        Assert.Equal(audio, result.HasAudio);
        Assert.Empty(Directory.GetFiles(output, "*" + ArtifactNames.PartialSuffix));

        var page = await _browser.OpenFileAsync(Path.Combine(output, HtmlPlayerOutput.FileName));
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 15000 });
        Assert.Equal(audio, await page.Locator("audio#audio").CountAsync() == 1);
        if (audio)
        {
            Assert.StartsWith("data:audio/webm;base64,", await page.Locator("audio#audio").GetAttributeAsync("src"));
            // The embedded track decodes: the browser reads its duration (the source's 3 s).
            var seconds = await page.EvaluateAsync<double>("() => new Promise(done => { const a = document.getElementById('audio'); a.readyState >= 1 ? done(a.duration) : a.addEventListener('loadedmetadata', () => done(a.duration)); })");
            Assert.InRange(seconds, 2.9, 3.1);
        }

        // Scrubbing to the middle of frame 42 shows frame 42, pixel for pixel the PNG of it.
        const int frame = 42;
        await page.Locator("#scrub").FillAsync(((frame + 0.5) / Fps).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(frame.ToString(), await page.Locator("#screen").GetAttributeAsync("data-frame"));
        var shown = await page.EvaluateAsync<string>("() => document.getElementById('screen').toDataURL('image/png').split(',')[1]");
        using var canvas = SKBitmap.Decode(Convert.FromBase64String(shown));
        using var png = SKBitmap.Decode(Path.Combine(output, ArtifactNames.PngFrame(frame)));
        Assert.Equal((png.Width, png.Height), (canvas.Width, canvas.Height));
        var differing = 0;
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                differing += png.GetPixel(x, y) == canvas.GetPixel(x, y) ? 0 : 1;
            }
        }

        Assert.Equal(0, differing);

        // Played from there, frames advance with time (and with the audio's clock where there is audio).
        await page.Locator("#scrub").FillAsync("0");
        await page.Locator("#play").ClickAsync();
        await page.WaitForTimeoutAsync(1000);
        var playedTo = int.Parse((await page.Locator("#screen").GetAttributeAsync("data-frame"))!);
        Assert.InRange(playedTo, 10, result.FramesCount - 1);
        await page.WaitForTimeoutAsync(500);
        Assert.True(int.Parse((await page.Locator("#screen").GetAttributeAsync("data-frame"))!) > playedTo, "frames stopped advancing");

        // The keyboard: space pauses, End shows the last frame.
        await page.Keyboard.PressAsync(" ");
        await page.Keyboard.PressAsync("End");
        Assert.Equal((result.FramesCount - 1).ToString(), await page.Locator("#screen").GetAttributeAsync("data-frame"));
        Assert.Empty(_browser.Blocked);
    }
}
