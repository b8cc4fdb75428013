using System.Net;
using System.Net.WebSockets;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Security;

/// <summary>
/// A key-less server on loopback (the desktop default) with one configured CORS origin: pages of other sites may not
/// change anything on it nor open the Studio's circuit; scripts, its own pages and the configured origin may.
/// </summary>
[Collection(nameof(StandaloneServers))]
public sealed class CrossSiteTests : IAsyncLifetime
{
    private const string ConfiguredOrigin = "https://studio.example";
    private readonly TestMedia _media = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerProcess(_media.PathOf("cross-site-data"), new Dictionary<string, string> { ["VidStudio__CorsOrigins__0"] = ConfiguredOrigin });
        await _server.StartAsync();
    }

    public Task DisposeAsync()
    {
        _server.Dispose();
        _media.Dispose();
        return Task.CompletedTask;
    }

    private HttpRequestMessage ConvertRequest(string clip, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{_server.BaseUrl}/api/v1/convert/video") { Content = ApiClient.Form(clip, ("save_png", "false")) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private async Task<int> JobCountAsync() =>
        (await (await _server.Client.GetAsync($"{_server.BaseUrl}/api/v1/jobs")).JsonAsync()).GetProperty("total").GetInt32();

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string origin)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("Cross-site request refused", problem.GetProperty("title").GetString());
        Assert.Contains(origin, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Writes_from_other_sites_are_refused_and_those_from_scripts_own_pages_and_configured_origins_accepted()
    {
        var clip = _media.TestSource("cross-site.mp4", 160, 90, seconds: 1);

        await AssertRefusedAsync(await _server.Client.SendAsync(ConvertRequest(clip, ("Origin", "http://evil.example"))), "http://evil.example");
        await AssertRefusedAsync(await _server.Client.SendAsync(ConvertRequest(clip, ("Origin", "null"))), "null");
        // A browser that withheld Origin still tells where the request came from.
        await AssertRefusedAsync(await _server.Client.SendAsync(ConvertRequest(clip, ("Sec-Fetch-Site", "cross-site"), ("Referer", "http://evil.example/page"))), "http://evil.example");
        await AssertRefusedAsync(await _server.Client.SendAsync(ConvertRequest(clip, ("Sec-Fetch-Site", "same-site"))), "same-site");
        var upload = new HttpRequestMessage(HttpMethod.Post, $"{_server.BaseUrl}/studio/uploads") { Content = ApiClient.Form(clip) };
        upload.Headers.Add("Origin", "http://localhost:8080");
        await AssertRefusedAsync(await _server.Client.SendAsync(upload), "http://localhost:8080");
        Assert.Equal(0, await JobCountAsync());

        Assert.Equal(HttpStatusCode.Accepted, (await _server.Client.SendAsync(ConvertRequest(clip))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _server.Client.SendAsync(ConvertRequest(clip, ("Origin", _server.BaseUrl)))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _server.Client.SendAsync(ConvertRequest(clip, ("Origin", ConfiguredOrigin)))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _server.Client.SendAsync(ConvertRequest(clip, ("Sec-Fetch-Site", "same-origin"), ("Referer", _server.BaseUrl + "/")))).StatusCode);
        Assert.Equal(4, await JobCountAsync());
    }

    [Fact]
    public async Task The_studio_circuit_cannot_be_opened_from_another_origin()
    {
        static HttpRequestMessage Negotiate(string baseUrl, string origin) =>
            new(HttpMethod.Post, $"{baseUrl}/_blazor/negotiate?negotiateVersion=1") { Headers = { { "Origin", origin } } };

        await AssertRefusedAsync(await _server.Client.SendAsync(Negotiate(_server.BaseUrl, "http://127.0.0.1:1")), "http://127.0.0.1:1");
        using (var foreign = new ClientWebSocket())
        {
            foreign.Options.SetRequestHeader("Origin", "http://127.0.0.1:1");
            await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.Port}/_blazor"), CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.SendAsync(Negotiate(_server.BaseUrl, _server.BaseUrl))).StatusCode);
        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Origin", _server.BaseUrl);
        await own.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.Port}/_blazor"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task A_page_of_another_site_in_chromium_can_neither_start_a_job_nor_open_the_circuit()
    {
        var clip = Convert.ToBase64String(await File.ReadAllBytesAsync(_media.TestSource("from-elsewhere.mp4", 160, 90, seconds: 1)));
        const string attack = """
            async ([server, clip]) => {
                const bytes = Uint8Array.from(atob(clip), c => c.charCodeAt(0));
                const form = new FormData();
                form.append('file', new Blob([bytes], { type: 'video/mp4' }), 'clip.mp4');
                await fetch(server + '/api/v1/convert/video', { mode: 'no-cors', method: 'POST', body: form });
                return await new Promise(resolve => {
                    const socket = new WebSocket(server.replace('http:', 'ws:') + '/_blazor');
                    socket.onopen = () => { socket.close(); resolve('open'); };
                    socket.onerror = () => resolve('refused');
                });
            }
            """;
        await using var browser = await LocalBrowser.LaunchAsync();
        var page = await browser.OpenAsync(_server, "/jobs");

        // The same script from the server's own page works: what stops the other site is where it comes from.
        Assert.Equal("open", await page.EvaluateAsync<string>(attack, new[] { _server.BaseUrl, clip }));
        Assert.Equal(1, await JobCountAsync());

        using var elsewhere = new WebhookReceiver();
        await LocalBrowser.VisitForeignPageAsync(page, $"http://127.0.0.1:{elsewhere.Port}");
        Assert.Equal("refused", await page.EvaluateAsync<string>(attack, new[] { _server.BaseUrl, clip }));
        // Refused by this server, not by the browser: both requests arrived and were answered 403.
        await _server.WaitForOutputAsync("HTTP POST /api/v1/convert/video responded 403");
        await _server.WaitForOutputAsync("HTTP GET /_blazor responded 403");
        Assert.Equal(1, await JobCountAsync());
    }
}
