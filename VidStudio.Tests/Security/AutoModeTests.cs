using System.Net;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Security;

/// <summary><c>Auth:Mode=auto</c>, the default: what turns keys on, as a self-hoster meets it.</summary>
[Collection(nameof(StandaloneServers))]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AutoModeTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public async Task Listening_beyond_loopback_turns_keys_on_and_the_first_start_hands_out_an_admin_key_logging_only_its_prefix()
    {
        var data = _media.PathOf("exposed-data");
        // Bound to every interface, as in Docker; the test only ever talks to 127.0.0.1.
        using var server = new ServerProcess(data, new Dictionary<string, string> { ["Urls"] = "http://0.0.0.0:{port}" });
        await server.StartAsync();

        var keyFile = Path.Combine(data, "admin-key.txt");
        await Eventually.HoldsAsync(() => File.Exists(keyFile), "no admin-key.txt");
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        // The log says where the key is and shows its prefix only: logs travel further than a 0600 file.
        var prefix = key[..12];
        await Eventually.HoldsAsync(() => server.Output.Contains($"starting {prefix}, written to {keyFile}", StringComparison.Ordinal), "the key's prefix and file were not logged");
        Assert.DoesNotContain(key, server.Output);
        var logs = Directory.GetFiles(Path.Combine(data, "logs"));
        Assert.NotEmpty(logs);
        Assert.All(logs, log => Assert.DoesNotContain(key, File.ReadAllText(log)));
        Assert.Contains(logs, log => File.ReadAllText(log).Contains(prefix, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync($"{server.BaseUrl}/api/v1/jobs")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.BaseUrl}/api/v1/jobs");
        request.Headers.Add("X-API-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);

        // The Studio's pages send a browser to the sign-in page instead.
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var studio = await noRedirect.GetAsync($"{server.BaseUrl}/");
        Assert.Equal(HttpStatusCode.Redirect, studio.StatusCode);
        Assert.StartsWith("/signin", studio.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task On_loopback_local_requests_need_no_key_but_proxied_ones_do()
    {
        using var server = new ServerProcess(_media.PathOf("loopback-data"));
        await server.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"{server.BaseUrl}/api/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"{server.BaseUrl}/hangfire")).StatusCode);
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "admin-key.txt")));

        // What nginx on the same host sends for a client on the internet: it arrives from 127.0.0.1.
        foreach (var path in new[] { "/api/v1/jobs", "/hangfire" })
        {
            using var proxied = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + path);
            proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
            var response = await server.Client.SendAsync(proxied);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }
    }
}
