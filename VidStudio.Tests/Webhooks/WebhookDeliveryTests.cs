using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using System.Text.Json;
using System.Text.RegularExpressions;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Webhooks;

/// <summary>
/// Webhooks as a receiver sees them: a server process that may call loopback (the tests' receiver lives there), a
/// configured endpoint beside each job's own <c>callback_url</c>, and short retry delays.
/// </summary>
[Collection(nameof(StandaloneServers))]
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string ConfiguredSecret = "configured-endpoint-secret";
    private readonly TestMedia _media = new();
    private readonly WebhookReceiver _receiver = new();
    private ServerProcess _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerProcess(_media.PathOf("webhook-data"), new Dictionary<string, string>
        {
            ["VidStudio__Webhooks__AllowPrivateNetworks"] = "true",
            ["VidStudio__Webhooks__RetryDelay"] = "00:00:00.300",
            ["VidStudio__Webhooks__MaxAttempts"] = "4",
            ["VidStudio__Webhooks__Endpoints__0__Url"] = _receiver.Url("/configured"),
            ["VidStudio__Webhooks__Endpoints__0__Secret"] = ConfiguredSecret,
        });
        await _server.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        _receiver.Dispose();
        _media.Dispose();
        return Task.CompletedTask;
    }

    private async Task<JsonElement> SubmitAsync(double seconds, params (string, string)[] fields)
    {
        var clip = _media.TestSource($"webhook-{seconds}.mp4", 160, 90, fps: 5, seconds: seconds, audio: false);
        var response = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, [("width", "20"), ("save_mp4", "false"), .. fields]));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_finished_job_is_posted_once_to_its_callback_and_to_the_configured_endpoint_each_signed_with_its_secret()
    {
        var created = await SubmitAsync(1, ("callback_url", _receiver.Url("/hook")));
        var jobId = created.GetProperty("job_id").GetString()!;
        var secret = created.GetProperty("callback_secret").GetString()!;
        var final = (await ApiClient.WaitForJobAsync(_client, jobId))[^1];

        var hook = (await _receiver.WaitForAsync("/hook", 1, TimeSpan.FromSeconds(20)))[0];
        var configured = (await _receiver.WaitForAsync("/configured", 1, TimeSpan.FromSeconds(20)))[0];
        Assert.Equal("POST", hook.Method);
        Assert.True(hook.IsSignedWith(secret), "the callback must be signed with the secret the API returned");
        Assert.False(hook.IsSignedWith(ConfiguredSecret));
        Assert.True(configured.IsSignedWith(ConfiguredSecret), "a configured endpoint's call must be signed with its own secret");
        Assert.Equal("job.completed", hook.Headers["X-VidStudio-Event"]);
        Assert.StartsWith("application/json", hook.Headers["Content-Type"]);
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal(jobId, body.GetProperty("job_id").GetString());
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal(final.GetProperty("result").GetProperty("frames_count").GetInt32(), body.GetProperty("result").GetProperty("frames_count").GetInt32());
        Assert.False(body.TryGetProperty("callback_secret", out _), "the secret must never travel in a status record");
        Assert.Equal(hook.Text, configured.Text);
        // The status record itself never shows the secret either.
        Assert.False(final.TryGetProperty("callback_secret", out _));

        // Once both deliveries are recorded as delivered nothing more is sent: each reached its receiver exactly once.
        await WaitForDeliveryAsync(jobId, _receiver.Url("/hook"), "Delivered");
        await WaitForDeliveryAsync(jobId, _receiver.Url("/configured"), "Delivered");
        Assert.Single(_receiver.To("/hook"));
        Assert.Single(_receiver.To("/configured"));
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_third_attempt_redirects_are_not_followed_and_the_job_page_lists_every_attempt()
    {
        // First a redirect (which must not be followed), then a 500, then 200.
        _receiver.Answer = (path, earlier) => path == "/flaky"
            ? earlier switch { 0 => (302, _receiver.Url("/elsewhere")), 1 => (500, null), _ => (200, null) }
            : (200, null);
        var created = await SubmitAsync(1, ("callback_url", _receiver.Url("/flaky")), ("callback_secret", "a-secret-the-client-chose"));
        Assert.False(created.TryGetProperty("callback_secret", out _), "a secret the client chose is not echoed back");
        var jobId = created.GetProperty("job_id").GetString()!;
        await ApiClient.WaitForJobAsync(_client, jobId);

        var attempts = await _receiver.WaitForAsync("/flaky", 3, TimeSpan.FromSeconds(30));
        Assert.All(attempts, a => Assert.True(a.IsSignedWith("a-secret-the-client-chose")));
        Assert.Single(attempts.Select(a => a.Headers["X-VidStudio-Delivery"]).Distinct());
        Assert.Single(attempts.Select(a => a.Text).Distinct());
        Assert.Empty(_receiver.To("/elsewhere"));

        // The job page (server-rendered) shows this delivery's three attempts and its outcome.
        var delivery = await WaitForDeliveryAsync(jobId, _receiver.Url("/flaky"), "Delivered");
        Assert.Equal(3, Regex.Matches(delivery, "class=\"webhook-attempt\"").Count);
        Assert.Contains("HTTP 302: redirects are not followed", delivery);
        Assert.Contains("HTTP 500", delivery);
        Assert.Contains("HTTP 200", delivery);
        // Delivered is final: the receiver got those three calls and no other.
        Assert.Equal(3, _receiver.To("/flaky").Count);
    }

    [Fact]
    public async Task A_cancelled_job_is_reported_and_an_endpoint_that_never_answers_well_is_given_up_after_the_configured_attempts()
    {
        _receiver.Answer = (path, _) => path == "/down" ? (503, null) : (200, null);
        // Long enough that the DELETE below finds it still queued or running.
        var created = await SubmitAsync(60, ("callback_url", _receiver.Url("/down")));
        var jobId = created.GetProperty("job_id").GetString()!;
        var cancel = await _client.DeleteAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.JsonAsync()).GetProperty("status").GetString());

        var attempts = await _receiver.WaitForAsync("/down", 4, TimeSpan.FromSeconds(30));
        Assert.Equal("job.cancelled", attempts[0].Headers["X-VidStudio-Event"]);
        Assert.Equal("cancelled", JsonDocument.Parse(attempts[0].Body).RootElement.GetProperty("status").GetString());
        var delivery = await WaitForDeliveryAsync(jobId, _receiver.Url("/down"), "GaveUp");
        Assert.Contains("gave up after 4", delivery);
        Assert.Equal(4, Regex.Matches(delivery, "HTTP 503").Count);
        // Given up is final: the receiver got those four calls and no other.
        Assert.Equal(4, _receiver.To("/down").Count);
    }

    [Fact]
    public async Task Deleting_a_finished_job_does_not_take_its_undelivered_notifications_with_it()
    {
        // The first attempt fails; the job is deleted before the second (a script that deletes as soon as it has its files).
        _receiver.Answer = (path, earlier) => path == "/after-delete" && earlier == 0 ? (500, null) : (200, null);
        var created = await SubmitAsync(1, ("callback_url", _receiver.Url("/after-delete")));
        var jobId = created.GetProperty("job_id").GetString()!;
        await ApiClient.WaitForJobAsync(_client, jobId);
        await _receiver.WaitForAsync("/after-delete", 1, TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/status/{jobId}")).StatusCode);

        var attempts = await _receiver.WaitForAsync("/after-delete", 2, TimeSpan.FromSeconds(20));
        Assert.True(attempts[1].IsSignedWith(created.GetProperty("callback_secret").GetString()!));
        Assert.Equal(jobId, JsonDocument.Parse(attempts[1].Body).RootElement.GetProperty("job_id").GetString());
        Assert.Equal(attempts[0].Text, attempts[1].Text);
    }

    [Fact]
    public async Task A_callback_set_in_the_studio_is_called_signed_with_the_secret_the_studio_showed_once()
    {
        await using var browser = await LocalBrowser.LaunchAsync();
        var page = await browser.OpenAsync(_server, "/");
        await page.WaitForSelectorAsync("#preview-image[data-version]", new() { Timeout = 60_000 });
        await page.ClickAsync(".save-png-switch input");

        // The URL's form is checked while typing: Convert waits for a usable one.
        await page.Locator(".callback-url-field input").FillAsync("ftp://example.com/hook");
        await Assertions.Expect(page.Locator(".callback-url-field")).ToContainTextAsync("http:// or https://");
        await Assertions.Expect(page.Locator("#convert-button")).ToBeDisabledAsync();
        await page.Locator(".callback-url-field input").FillAsync(_receiver.Url("/studio"));
        await Assertions.Expect(page.Locator("#convert-button")).ToBeEnabledAsync();

        await page.ClickAsync("#convert-button");
        var secret = await page.Locator(".new-key-value").TextContentAsync(new() { Timeout = 30_000 });
        var label = await page.Locator(".new-key").TextContentAsync();
        var jobId = Regex.Match(label!, "job ([0-9a-f]{12})").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(jobId), label);
        await ApiClient.WaitForJobAsync(_client, jobId);

        var hook = (await _receiver.WaitForAsync("/studio", 1, TimeSpan.FromSeconds(20)))[0];
        Assert.True(hook.IsSignedWith(secret!), "the Studio's job must be signed with the secret the Studio showed");
        Assert.Equal(jobId, JsonDocument.Parse(hook.Body).RootElement.GetProperty("job_id").GetString());
        Assert.Equal(_receiver.Url("/studio"), (await _client.GetFromJsonAsync<JsonElement>($"/api/v1/status/{jobId}")).GetProperty("callback_url").GetString());
        await WaitForDeliveryAsync(jobId, _receiver.Url("/studio"), "Delivered");

        // Shown once: a reload of the Studio does not show it again.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#preview-image[data-version]", new() { Timeout = 60_000 });
        Assert.Equal(0, await page.Locator(".new-key-value").CountAsync());
        Assert.DoesNotContain(secret!, await page.ContentAsync());
        Assert.Empty(browser.Blocked);
    }

    /// <summary>The job page's group for the delivery to <paramref name="url"/>, once it shows <paramref name="state"/>.</summary>
    private async Task<string> WaitForDeliveryAsync(string jobId, string url, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string page;
        do
        {
            page = await _client.GetStringAsync($"/jobs/{jobId}");
            var group = Regex.Match(page, $"<tbody class=\"webhook-delivery\" data-url=\"{Regex.Escape(url)}\" data-state=\"{state}\">(.*?)</tbody>", RegexOptions.Singleline);
            if (group.Success)
            {
                return group.Groups[1].Value;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"the job page never showed the delivery to {url} as {state}:\n{page}");
    }
}
