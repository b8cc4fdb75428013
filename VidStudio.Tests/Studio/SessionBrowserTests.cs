using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Studio;

/// <summary>
/// An open Studio tab lives on a Blazor circuit that never sends the session cookie again: revoking the key it signed
/// in with must end it all the same, at its next action and, left idle, within the revalidation interval.
/// </summary>
[Collection(nameof(Security.StandaloneServers))]
// The default interval (30 s): only the check made before an action can stop the click in time.
public sealed class SessionBrowserTests() : AuthBrowserTests(new AuthServer())
{
    /// <summary>Signs in with <paramref name="key"/> and opens /account, live.</summary>
    internal static async Task<IPage> OpenAccountAsync(LocalBrowser browser, AuthServer auth, string key)
    {
        var page = await browser.OpenAsync(auth.Server, "/signin?ReturnUrl=%2Faccount");
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync("**/account");
        await WaitUntilLiveAsync(page);
        await Assertions.Expect(page.Locator("tr.key-active")).ToHaveCountAsync(1);
        return page;
    }

    /// <summary>Revokes the key over the API, with itself, as a script or another device would.</summary>
    internal static async Task RevokeAsync(AuthServer auth, string key)
    {
        using var client = auth.ClientWith(key);
        var keys = await (await client.GetAsync("/api/v1/keys")).JsonAsync();
        var id = keys.EnumerateArray().Single().GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/keys/{id}")).StatusCode);
    }

    private static async Task<int> ActiveKeysOfAsync(AuthServer auth, string user)
    {
        using var admin = auth.ClientWith(AuthServer.ConfiguredKey);
        var users = await (await admin.GetAsync("/api/v1/users")).JsonAsync();
        return users.EnumerateArray().Single(u => u.GetProperty("name").GetString() == user).GetProperty("active_keys").GetInt32();
    }

    [Fact]
    public async Task A_tab_whose_key_was_revoked_creates_no_key_and_lands_on_the_sign_in_page()
    {
        var key = await Auth.NewMemberKeyAsync("grace");
        var page = await OpenAccountAsync(Browser, Auth, key);

        await RevokeAsync(Auth, key);
        await page.Locator(".new-key-name input").FillAsync("after-revocation");
        await page.ClickAsync(".create-key");

        await page.WaitForURLAsync("**/signin?ReturnUrl=%2Faccount");
        await Assertions.Expect(page.Locator("#api-key")).ToBeVisibleAsync();
        Assert.Equal(0, await ActiveKeysOfAsync(Auth, "grace"));
        Assert.Empty(Browser.PolicyViolations);
    }

    [Fact]
    public async Task A_page_on_another_port_can_neither_use_the_session_cookie_to_upload_nor_open_the_circuit()
    {
        var page = await OpenAccountAsync(Browser, Auth, await Auth.NewMemberKeyAsync("heidi"));

        // Same host, another port: the same site, so the browser sends the SameSite=Lax session cookie along.
        using var elsewhere = new WebhookReceiver();
        await LocalBrowser.VisitForeignPageAsync(page, $"http://127.0.0.1:{elsewhere.Port}");
        var outcome = await page.EvaluateAsync<JsonElement>("""
            async server => {
                const form = new FormData();
                form.append('file', new Blob([new Uint8Array(4096)], { type: 'video/mp4' }), 'x.mp4');
                await fetch(server + '/studio/uploads', { mode: 'no-cors', method: 'POST', body: form, credentials: 'include' });
                const circuit = await new Promise(resolve => {
                    const socket = new WebSocket(server.replace('http:', 'ws:') + '/_blazor');
                    socket.onopen = () => { socket.close(); resolve('open'); };
                    socket.onerror = () => resolve('refused');
                });
                return { circuit };
            }
            """, Auth.Server.BaseUrl);

        Assert.Equal("refused", outcome.GetProperty("circuit").GetString());
        await Auth.Server.WaitForOutputAsync("HTTP POST /studio/uploads responded 403");
        await Auth.Server.WaitForOutputAsync("HTTP GET /_blazor responded 403");
    }
}
