using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Studio;

/// <summary>The Studio's font select in Chromium: the bundled fonts and the user's upload, and the preview drawn with the choice.</summary>
public sealed partial class FontBrowserTests : IAsyncLifetime
{
    private readonly TestMedia _media = new();
    private ServerProcess _server = null!;
    private LocalBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerProcess(_media.PathOf("font-data"));
        await _server.StartAsync();
        _browser = await LocalBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _server.Dispose();
        _media.Dispose();
    }

    [GeneratedRegex(@"· (\d+)×(\d+) characters")]
    private static partial Regex GridFacts();

    private static async Task<(int Columns, int Rows)> GridAsync(IPage page)
    {
        var match = GridFacts().Match(await page.Locator(".preview-facts").TextContentAsync() ?? "");
        Assert.True(match.Success, "the preview states no grid");
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }

    private static async Task<string> PreviewSourceAsync(IPage page) => await page.Locator("#preview-image").GetAttributeAsync("src") ?? "";

    [Fact]
    public async Task The_font_select_offers_bundled_fonts_and_an_upload_and_the_preview_is_drawn_with_the_choice()
    {
        var font = _media.PathOf("upload-serif.ttf");
        File.Copy("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", font);
        using (var form = new MultipartFormDataContent())
        {
            var file = new StreamContent(File.OpenRead(font));
            file.Headers.ContentType = new MediaTypeHeaderValue("font/ttf");
            form.Add(file, "file", "upload-serif.ttf");
            form.Add(new StringContent("my-serif"), "name");
            Assert.Equal(HttpStatusCode.Created, (await _server.Client.PostAsync($"{_server.BaseUrl}/api/v1/fonts", form)).StatusCode);
        }

        var page = await _browser.OpenAsync(_server, "/", 1280, 900);
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var standard = await GridAsync(page);
        var before = await PreviewSourceAsync(page);

        await page.ClickAsync(".font-select");
        var options = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(options).ToHaveTextAsync(["DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "my-serif (DejaVu Serif, yours)"]);
        await options.Filter(new() { HasText = "my-serif" }).ClickAsync();

        // The serif's cell is wider than DejaVu Sans Mono's: as many columns, more rows.
        await page.WaitForFunctionAsync("rows => { const m = /(\\d+)×(\\d+) characters/.exec(document.querySelector('.preview-facts')?.textContent ?? ''); return m && Number(m[2]) > rows; }",
            standard.Rows, new PageWaitForFunctionOptions { Timeout = 30_000 });
        var serif = await GridAsync(page);
        Assert.Equal(standard.Columns, serif.Columns);
        // The facts line is drawn on the circuit, the picture swapped in by script just after: wait for the new picture.
        await page.WaitForFunctionAsync("before => document.querySelector('#preview-image')?.getAttribute('src') !== before", before,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".font-select input.mud-select-input")).ToHaveValueAsync("my-serif (DejaVu Serif, yours)");
    }

    [Fact]
    public async Task A_font_uploaded_beside_the_select_is_chosen_and_draws_the_preview_and_a_file_that_is_no_font_is_refused()
    {
        var page = await _browser.OpenAsync(_server, "/", 1280, 900);
        await page.WaitForSelectorAsync("#preview-image[data-version]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var standard = await GridAsync(page);
        var upload = page.Locator(".font-upload input[type=file]");

        var notAFont = _media.PathOf("Not a font.ttf");
        await File.WriteAllTextAsync(notAFont, "this is text with a font's extension");
        await upload.SetInputFilesAsync(notAFont);
        await Assertions.Expect(page.Locator(".font-upload-error")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".font-select input.mud-select-input")).ToHaveValueAsync("DejaVu Sans Mono");

        var font = _media.PathOf("Upload Serif.ttf");
        File.Copy("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", font);
        await upload.SetInputFilesAsync(font);
        // Stored under the file's name in a font name's characters, chosen, and listed as the user's.
        await Assertions.Expect(page.Locator(".font-select input.mud-select-input")).ToHaveValueAsync("Upload-Serif (DejaVu Serif, yours)", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".font-upload-error")).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync("rows => { const m = /(\\d+)×(\\d+) characters/.exec(document.querySelector('.preview-facts')?.textContent ?? ''); return m && Number(m[2]) > rows; }",
            standard.Rows, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("studio-font-uploaded.png") });

        // The same font the API lists for this user, as an upload through POST /api/v1/fonts would be.
        var listed = await (await _server.Client.GetAsync("/api/v1/fonts")).JsonAsync();
        Assert.Contains(listed.EnumerateArray(), f => f.GetProperty("name").GetString() == "Upload-Serif" && f.GetProperty("family").GetString() == "DejaVu Serif");
        Assert.Empty(_browser.Blocked);
        Assert.Empty(_browser.PolicyViolations);
    }
}
