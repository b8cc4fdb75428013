using System.Net;
using Microsoft.Playwright;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Studio;

/// <summary>The Studio with authentication on, in Chromium: sign in with a key, manage keys, see only one's own jobs.</summary>
[Collection(nameof(Security.StandaloneServers))]
public sealed class SignInBrowserTests() : AuthBrowserTests(new AuthServer())
{
    [Fact]
    public async Task A_member_signs_in_with_a_key_creates_and_revokes_another_and_sees_only_their_jobs()
    {
        var memberKey = await Auth.NewMemberKeyAsync("erin");
        using var admin = Auth.ClientWith(AuthServer.ConfiguredKey);
        var clip = Auth.Media.TestSource("admins-job.mp4", 160, 90, seconds: 1);
        var adminsJob = await admin.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("save_png", "false")));
        var adminsJobId = (await adminsJob.JsonAsync()).GetProperty("job_id").GetString()!;

        var page = await Browser.OpenAsync(Auth.Server, "/jobs");
        await page.WaitForURLAsync("**/signin?ReturnUrl=%2Fjobs");
        await page.FillAsync("#api-key", "vsk_not-a-real-key-000000000000");
        await page.ClickAsync("#signin-button");
        await Assertions.Expect(page.Locator(".signin-error")).ToContainTextAsync("not valid");

        await page.FillAsync("#api-key", memberKey);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync("**/jobs");
        await WaitUntilLiveAsync(page);
        await Assertions.Expect(page.Locator("#nav-account")).ToContainTextAsync("erin");
        Assert.Equal(0, await page.Locator($"text={adminsJobId}").CountAsync());

        // The Studio works under the security policy: the preview renders.
        await page.ClickAsync("#nav-studio");
        // The first preview waits for the built-in sample, which a fresh server generates with ffmpeg.
        await page.Locator("#preview-image[data-version]").WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });

        await page.ClickAsync("#nav-account");
        await page.Locator(".new-key-name input").FillAsync("laptop");
        await page.ClickAsync(".create-key");
        var newKey = (await page.Locator(".new-key-value").TextContentAsync())!.Trim();
        using (var withNewKey = Auth.ClientWith(newKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await withNewKey.GetAsync("/api/v1/jobs")).StatusCode);
        }

        await page.Locator("tr.key-active", new PageLocatorOptions { HasText = "laptop" }).Locator(".revoke-key").ClickAsync();
        await Assertions.Expect(page.Locator("tr.key-revoked", new PageLocatorOptions { HasText = "laptop" })).ToBeVisibleAsync();
        using (var revoked = Auth.ClientWith(newKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/v1/jobs")).StatusCode);
        }

        // A member cannot open the admin's pages.
        await page.GotoAsync(Auth.Server.BaseUrl + "/admin/users");
        Assert.Equal(0, await page.Locator(".add-user").CountAsync());

        await page.GotoAsync(Auth.Server.BaseUrl + "/");
        await WaitUntilLiveAsync(page);
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/signin**");
        Assert.Empty(Browser.Blocked);
        Assert.Empty(Browser.PolicyViolations);
    }

    [Fact]
    public async Task An_admin_adds_a_user_whose_key_then_works()
    {
        var page = await Browser.OpenAsync(Auth.Server, "/signin");
        await page.FillAsync("#api-key", AuthServer.ConfiguredKey);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync(Auth.Server.BaseUrl + "/");
        await WaitUntilLiveAsync(page);

        await page.ClickAsync("#nav-users");
        await page.Locator(".new-user-name input").FillAsync("frank");
        await page.ClickAsync(".add-user");
        var key = (await page.Locator(".new-key-value").TextContentAsync())!.Trim();
        await Assertions.Expect(page.Locator(".user-row", new PageLocatorOptions { HasText = "frank" })).ToBeVisibleAsync();

        using var frank = Auth.ClientWith(key);
        Assert.Equal(HttpStatusCode.OK, (await frank.GetAsync("/api/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Auth.ClientWith(AuthServer.ConfiguredKey).GetAsync("/hangfire")).StatusCode);
        Assert.Empty(Browser.PolicyViolations);
    }
}
