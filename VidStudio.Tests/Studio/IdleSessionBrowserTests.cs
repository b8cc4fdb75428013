using Microsoft.Playwright;
using VidStudio.Tests.Security;

namespace VidStudio.Tests.Studio;

/// <summary>A Studio tab left alone after its key was revoked: its circuit's periodic check ends the session.</summary>
[Collection(nameof(Security.StandaloneServers))]
public sealed class IdleSessionBrowserTests() : AuthBrowserTests(new AuthServer { Settings = { ["VidStudio__Auth__SessionRevalidationInterval"] = "00:00:01" } })
{
    [Fact]
    public async Task An_idle_tab_whose_key_was_revoked_lands_on_the_sign_in_page_within_the_revalidation_interval()
    {
        var key = await Auth.NewMemberKeyAsync("ivan");
        var page = await SessionBrowserTests.OpenAccountAsync(Browser, Auth, key);

        await SessionBrowserTests.RevokeAsync(Auth, key);

        // Nothing is clicked: the circuit's own check ends the session (the wait is far longer than the interval).
        await page.WaitForURLAsync("**/signin?ReturnUrl=%2Faccount", new PageWaitForURLOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#api-key")).ToBeVisibleAsync();
    }
}
