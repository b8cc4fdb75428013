using Microsoft.Playwright;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Studio;

/// <summary>Chromium against a server of its own with authentication on (<see cref="AuthServer"/>), started anew for each test.</summary>
public abstract class AuthBrowserTests(AuthServer auth) : IAsyncLifetime
{
    protected AuthServer Auth { get; } = auth;

    protected LocalBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Auth.InitializeAsync();
        Browser = await LocalBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Auth.DisposeAsync();
    }

    /// <summary>
    /// Typing into a page before its circuit is live would be lost when the live page replaces the prerendered one, and
    /// a link clicked while the circuit is taking over is dropped by Blazor (its fetch is aborted): wait for it first.
    /// </summary>
    public static Task WaitUntilLiveAsync(IPage page) =>
        page.Locator("#circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
}
