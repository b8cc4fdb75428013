using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Security;

/// <summary>A server run as a user runs it, with <c>Auth:Mode=on</c> and one key from configuration (the admin's).</summary>
public sealed class AuthServer : IAsyncLifetime
{
    public const string ConfiguredKey = "configured-admin-key-0123456789";

    public TestMedia Media { get; } = new();

    public ServerProcess Server { get; private set; } = null!;

    /// <summary>Settings beyond authentication, as environment variables.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public async Task InitializeAsync()
    {
        Server = new ServerProcess(Media.PathOf("auth-data"), new Dictionary<string, string>(Settings)
        {
            ["VidStudio__Auth__Mode"] = "on",
            ["VidStudio__Auth__ApiKeys__0"] = ConfiguredKey,
        });
        await Server.StartAsync();
    }

    public Task DisposeAsync()
    {
        Server.Dispose();
        Media.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A client that sends <paramref name="key"/> as X-API-Key (or as a bearer token).</summary>
    public HttpClient ClientWith(string? key, bool bearer = false)
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null && bearer) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        else if (key is not null) client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    /// <summary>A new member (through the admin API) and their first key.</summary>
    public async Task<string> NewMemberKeyAsync(string name)
    {
        using var admin = ClientWith(ConfiguredKey);
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { name, role = "member" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("key").GetString()!;
    }
}

[Collection(nameof(StandaloneServers))]
public sealed class AuthTests(AuthServer auth) : IClassFixture<AuthServer>
{
    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Authentication required", (await response.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_endpoint_but_health_needs_a_key_and_a_wrong_key_looks_like_no_key()
    {
        using var anonymous = auth.ClientWith(null);
        using var wrong = auth.ClientWith("vsk_this-key-does-not-exist-at-all");

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/health")).StatusCode);
        foreach (var path in new[] { "/api/v1/jobs", "/api/v1/presets", "/api/v1/status/0123456789ab", "/api/v1/download/0123456789ab/video" })
        {
            var none = await anonymous.GetAsync(path);
            var bad = await wrong.GetAsync(path);
            await AssertUnauthorizedAsync(none);
            await AssertUnauthorizedAsync(bad);
            Assert.Equal((await none.JsonAsync()).GetProperty("detail").GetString(), (await bad.JsonAsync()).GetProperty("detail").GetString());
        }

        var clip = auth.Media.TestSource("anon.mp4", 160, 90, seconds: 1);
        await AssertUnauthorizedAsync(await anonymous.PostAsync("/api/v1/convert/video", ApiClient.Form(clip)));
    }

    [Fact]
    public async Task A_key_is_accepted_as_header_or_bearer_token_and_refused_once_revoked()
    {
        var key = await auth.NewMemberKeyAsync("revoker");
        using (var header = auth.ClientWith(key))
        using (var bearer = auth.ClientWith(key, bearer: true))
        {
            Assert.Equal(HttpStatusCode.OK, (await header.GetAsync("/api/v1/jobs")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/jobs")).StatusCode);
        }

        using var member = auth.ClientWith(key);
        var keys = await (await member.GetAsync("/api/v1/keys")).JsonAsync();
        var keyId = keys.EnumerateArray().Single().GetProperty("id").GetInt64();
        Assert.DoesNotContain(key, keys.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await member.DeleteAsync($"/api/v1/keys/{keyId}")).StatusCode);

        await AssertUnauthorizedAsync(await member.GetAsync("/api/v1/jobs"));
    }

    [Fact]
    public async Task A_member_sees_only_their_own_jobs_and_presets_and_another_members_job_is_404()
    {
        using var alice = auth.ClientWith(await auth.NewMemberKeyAsync("alice"));
        using var bob = auth.ClientWith(await auth.NewMemberKeyAsync("bob"));
        using var admin = auth.ClientWith(AuthServer.ConfiguredKey);
        var clip = auth.Media.TestSource("alice.mp4", 160, 90, seconds: 1);

        var queued = await alice.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "40"), ("save_png", "false")));
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(alice, jobId)).Last().GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/download/{jobId}/video")).StatusCode);
        foreach (var path in new[] { $"/api/v1/status/{jobId}", $"/api/v1/download/{jobId}/video", $"/api/v1/download/{jobId}/video.mp4" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);
        Assert.DoesNotContain(jobId, (await (await bob.GetAsync("/api/v1/jobs")).JsonAsync()).ToString());
        Assert.Contains(jobId, (await (await alice.GetAsync("/api/v1/jobs")).JsonAsync()).ToString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/status/{jobId}")).StatusCode);
        Assert.Contains(jobId, (await (await admin.GetAsync("/api/v1/jobs?page_size=200")).JsonAsync()).ToString());

        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/v1/presets", new { name = "Alice look", options = new { width = 66 } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync("/api/v1/presets/Alice%20look")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/v1/presets/Alice%20look")).StatusCode);
        var bobUsesIt = await bob.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("preset", "Alice look")));
        Assert.Equal(HttpStatusCode.BadRequest, bobUsesIt.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_may_add_users_and_open_the_dashboard()
    {
        using var member = auth.ClientWith(await auth.NewMemberKeyAsync("carol"));
        using var admin = auth.ClientWith(AuthServer.ConfiguredKey);
        using var anonymous = auth.ClientWith(null);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/users", new { name = "mallory", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/users")).StatusCode);

        // The test runs on this machine: a local request is not enough once authentication is on.
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/hangfire")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task The_curl_example_works_with_VIDSTUDIO_API_KEY_and_fails_without()
    {
        var clip = auth.Media.TestSource("example-auth.mp4", 160, 90, seconds: 1);
        var environment = new Dictionary<string, string> { ["VIDSTUDIO_URL"] = auth.Server.BaseUrl };

        var refused = ExampleScripts.Run(auth.Media.PathOf("client-nokey"), environment, "bash", ExampleScripts.PathOf("convert.sh"), clip);
        environment["VIDSTUDIO_API_KEY"] = await auth.NewMemberKeyAsync("scripter");
        var accepted = ExampleScripts.Run(auth.Media.PathOf("client-key"), environment, "bash", ExampleScripts.PathOf("convert.sh"), clip);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Null(refused.Video);
        Assert.True(accepted.ExitCode == 0, accepted.Output + accepted.Errors);
        Assert.NotNull(accepted.Video);
    }

    [Fact]
    public async Task The_websocket_takes_its_key_in_the_query_and_refuses_without_one()
    {
        var clip = auth.Media.TestSource("ws-auth.mp4", 160, 90, fps: 10, seconds: 1);
        var ws = $"ws://127.0.0.1:{auth.Server.Port}/api/v1/ws/convert";
        using (var refused = new ClientWebSocket())
        {
            await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(new Uri(ws), CancellationToken.None));
        }

        var key = await auth.NewMemberKeyAsync("dave");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"{ws}?api_key={Uri.EscapeDataString(key)}"), CancellationToken.None);
        await JsonSocket.SendAsync(socket, JsonSocket.Start(await File.ReadAllBytesAsync(clip), ("width", 30)));
        JsonElement message;
        var frames = 0;
        while ((message = (await JsonSocket.ReceiveAsync(socket))!.Value).TryGetProperty("frame_number", out _))
        {
            frames++;
        }

        Assert.Equal("completed", message.GetProperty("status").GetString());
        Assert.Equal(10, frames);
    }
}
