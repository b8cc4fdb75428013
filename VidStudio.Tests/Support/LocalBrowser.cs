using Microsoft.Playwright;

namespace VidStudio.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright, allowed to reach one server only: every other request is aborted and
/// recorded in <see cref="Blocked"/>, so a page that needs the internet fails its test. Content-Security-Policy
/// violations the pages report are kept in <see cref="PolicyViolations"/>.
/// </summary>
public sealed class LocalBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private LocalBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public List<string> Blocked { get; } = [];

    public List<string> PolicyViolations { get; } = [];

    public static async Task<LocalBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new LocalBrowser(playwright, browser);
    }

    public async Task<IPage> OpenAsync(ServerProcess server, string path, int width = 1280, int height = 800)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true });
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (PolicyViolations) PolicyViolations.Add(message.Text);
            }
        };
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(server.BaseUrl, StringComparison.Ordinal) || route.Request.Url.StartsWith($"ws://127.0.0.1:{server.Port}", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (Blocked) Blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(server.BaseUrl + path);
        return page;
    }

    /// <summary>
    /// Goes, in <paramref name="page"/> (its cookies included), to a page of another local web server
    /// (<paramref name="site"/>, e.g. a <see cref="WebhookReceiver"/>): what a page the user visits while signed in, or
    /// while a key-less server runs on their machine, could do with it. A real server, not one the browser answers
    /// itself, so that Chromium treats the page as local like the one it attacks.
    /// </summary>
    public static async Task VisitForeignPageAsync(IPage page, string site)
    {
        await page.RouteAsync(site + "/**", route => route.ContinueAsync());
        await page.GotoAsync(site + "/");
    }

    /// <summary>Opens a file from disk as a user double-clicking it would; every request the page makes is aborted and recorded in <see cref="Blocked"/>.</summary>
    public async Task<IPage> OpenFileAsync(string path, int width = 1280, int height = 800)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var url = new Uri(path).AbsoluteUri;
        page.Request += (_, request) =>
        {
            if (request.Url != url && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                lock (Blocked) Blocked.Add(request.Url);
            }
        };
        await page.RouteAsync("**/*", route => route.Request.Url == url ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(url);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
