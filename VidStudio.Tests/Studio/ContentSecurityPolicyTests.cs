using System.Net;
using Microsoft.Playwright;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;
using Xunit.Abstractions;

namespace VidStudio.Tests.Studio;

/// <summary>
/// No page runs inline script it did not mark with its response's nonce: markup injected into a page cannot run
/// script. The Studio's pages, the docs and the dashboard all work under that policy in Chromium.
/// </summary>
[Collection(nameof(Security.StandaloneServers))]
public sealed class ContentSecurityPolicyTests(ITestOutputHelper output) : AuthBrowserTests(new AuthServer())
{
    private static string ScriptSources(HttpResponseMessage response)
    {
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        return policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
    }

    private async Task<string> QueueJobAsync()
    {
        using var admin = Auth.ClientWith(AuthServer.ConfiguredKey);
        var clip = Auth.Media.TestSource("csp.mp4", 160, 90, seconds: 1);
        var queued = await admin.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("save_png", "false")));
        var jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
        await ApiClient.WaitForJobAsync(admin, jobId);
        return jobId;
    }

    [Fact]
    public async Task No_page_allows_inline_script_in_its_header()
    {
        var jobId = await QueueJobAsync();
        using var admin = Auth.ClientWith(AuthServer.ConfiguredKey);
        using var anonymous = Auth.ClientWith(null);

        var pages = new Dictionary<string, HttpResponseMessage>
        {
            ["/signin"] = await anonymous.GetAsync("/signin"),
        };
        foreach (var path in new[] { "/", "/jobs", $"/jobs/{jobId}", "/account", "/admin/users", "/docs/index.html", "/redoc/index.html", "/hangfire" })
        {
            pages[path] = await admin.GetAsync(path);
        }

        foreach (var (path, response) in pages)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            var scripts = ScriptSources(response);
            output.WriteLine($"{path}: {scripts}");
            Assert.DoesNotContain("'unsafe-inline'", scripts);
            Assert.DoesNotContain("'unsafe-eval'", scripts);
        }

        // The Studio's pages name a fresh nonce for their import map; the others need none.
        Assert.Matches("^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='$", ScriptSources(pages["/"]));
        Assert.NotEqual(ScriptSources(pages["/"]), ScriptSources(pages["/jobs"]));
        Assert.Equal("script-src 'self'", ScriptSources(pages["/docs/index.html"]));
    }

    [Fact]
    public async Task Every_page_works_in_chromium_without_a_policy_violation_and_an_injected_script_does_not_run()
    {
        var jobId = await QueueJobAsync();
        var page = await Browser.OpenAsync(Auth.Server, "/signin");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("csp-signin.png"), FullPage = true });
        await page.FillAsync("#api-key", AuthServer.ConfiguredKey);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync(Auth.Server.BaseUrl + "/");
        await WaitUntilLiveAsync(page);
        // The preview is drawn by studio.js from what the circuit sends: scripts from files run.
        await page.Locator("#preview-image[data-version]").WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("csp-studio.png"), FullPage = true });

        // Each page is ready once its own scripts have done their part: the circuit is live, the docs are drawn, the
        // dashboard's script has started.
        foreach (var (path, ready) in new[]
        {
            ("/jobs", "() => document.getElementById('circuit-ready')"),
            ($"/jobs/{jobId}", "() => document.getElementById('circuit-ready')"),
            ("/account", "() => document.getElementById('circuit-ready')"),
            ("/admin/users", "() => document.getElementById('circuit-ready')"),
            ("/docs/index.html", "() => document.querySelector('.swagger-ui .info')"),
            ("/redoc/index.html", "() => document.querySelector('#redoc-container .api-content')"),
            ("/hangfire", "() => window.Hangfire && window.Hangfire.page"),
        })
        {
            await page.GotoAsync(Auth.Server.BaseUrl + path);
            await page.WaitForFunctionAsync(ready, null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            var name = path.StartsWith("/jobs/", StringComparison.Ordinal) ? "job" : path.Trim('/').Replace('/', '-').Replace("-index.html", "");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath($"csp-{name}.png"), FullPage = true });
        }

        // The one violation is ReDoc's own "powered by" logo, an image on its CDN that img-src keeps out (no request leaves).
        Assert.All(Browser.PolicyViolations, v => Assert.StartsWith("Loading the image 'https://cdn.redoc.ly/", v));
        Assert.Empty(Browser.Blocked);
        Browser.PolicyViolations.Clear();

        // What an injection would add: a script element with code in it. The policy stops it, and says so.
        await page.GotoAsync(Auth.Server.BaseUrl + "/account");
        await WaitUntilLiveAsync(page);
        var ran = await page.EvaluateAsync<bool>("""
            () => {
                const script = document.createElement('script');
                script.textContent = 'window.injected = true';
                document.head.appendChild(script);
                return window.injected === true;
            }
            """);
        Assert.False(ran);
        Assert.Contains(Browser.PolicyViolations, v => v.Contains("inline script", StringComparison.Ordinal));
        output.WriteLine($"screenshots in {Path.GetDirectoryName(Repository.ScreenshotPath("csp-studio.png"))}");
    }
}
