using Microsoft.Playwright;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;
using Xunit.Abstractions;

namespace VidStudio.Tests.Studio;

/// <summary>The sign-in and account pages of a server with authentication on, as axe-core sees them in Chromium.</summary>
[Collection(nameof(Security.StandaloneServers))]
public sealed class SignInAccessibilityBrowserTests(ITestOutputHelper output) : AuthBrowserTests(new AuthServer())
{
    [Fact]
    public async Task Sign_in_and_account_have_no_serious_accessibility_violation()
    {
        var page = await Browser.OpenAsync(Auth.Server, "/signin");
        await Axe.AssertNoSeriousViolationsAsync(page, "the sign-in page", output);

        await page.FillAsync("#api-key", "vsk_not-a-real-key-000000000000");
        await page.ClickAsync("#signin-button");
        await Assertions.Expect(page.Locator(".signin-error")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the sign-in page saying the key is wrong", output);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("a11y-signin.png"), FullPage = true });

        await page.FillAsync("#api-key", AuthServer.ConfiguredKey);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync(Auth.Server.BaseUrl + "/");
        await WaitUntilLiveAsync(page);
        await page.ClickAsync("#nav-account");
        await page.Locator(".new-key-name input").FillAsync("laptop");
        await page.ClickAsync(".create-key");
        await Assertions.Expect(page.Locator(".new-key-value")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the account page with a new key", output);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath("a11y-account.png"), FullPage = true });

        Assert.Empty(Browser.Blocked);
        Assert.Empty(Browser.PolicyViolations);
    }
}
