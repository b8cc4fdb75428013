using System.Net;
using System.Text.RegularExpressions;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Api;

[Collection(nameof(ServerCollection))]
public class DocsAndHealthTests(ServerFixture app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Health_reports_status_version_uptime_jobs_and_ffmpeg()
    {
        var health = await (await _client.GetAsync("/api/v1/health")).JsonAsync();

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("1.0.0", health.GetProperty("version").GetString());
        Assert.True(health.GetProperty("uptime_seconds").GetDouble() > 0, "uptime counts from the process start");
        Assert.True(health.GetProperty("active_jobs").GetInt32() >= 0);
        Assert.True(health.GetProperty("ffmpeg").GetProperty("available").GetBoolean());
        Assert.StartsWith("ffmpeg version", health.GetProperty("ffmpeg").GetProperty("version").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_and_every_field_with_defaults_and_ranges()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/convert/video", "/api/v1/convert/batch", "/api/v1/status/{job_id}", "/api/v1/batch/{batch_id}",
                     "/api/v1/download/{job_id}/{file}", "/api/v1/jobs", "/api/v1/jobs/{job_id}", "/api/v1/health" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
        }

        var form = paths.GetProperty("/api/v1/convert/video").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties");
        foreach (var field in VidStudio.Core.Options.ConversionParameters.All)
        {
            Assert.True(form.TryGetProperty(field.Name, out var schema), $"missing field {field.Name}");
            Assert.False(string.IsNullOrWhiteSpace(schema.GetProperty("description").GetString()));
        }

        Assert.Equal(120, form.GetProperty("width").GetProperty("default").GetInt32());
        Assert.Equal(10, form.GetProperty("width").GetProperty("minimum").GetInt32());
        Assert.Equal(240, form.GetProperty("width").GetProperty("maximum").GetInt32());
        var styles = form.GetProperty("style").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("braille", styles);
        Assert.Contains("shape_blocks", styles);
        Assert.Contains("cell", form.GetProperty("color_mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1.0, form.GetProperty("stability").GetProperty("maximum").GetDouble());
        Assert.Equal("boolean", form.GetProperty("auto_levels").GetProperty("type").GetString());
        Assert.Equal("binary", form.GetProperty("file").GetProperty("format").GetString());
        Assert.Contains("/ws/convert", document.GetProperty("info").GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_openapi_document_names_response_fields_as_the_api_writes_them()
    {
        var schemas = (await (await _client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("components").GetProperty("schemas");
        string[] Names(string schema) => schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();

        // The API writes snake_case (job_id, frames_count); a client generated from the document must read the same names.
        Assert.Contains("job_id", Names("JobResponse"));
        Assert.Contains("processing_time_seconds", Names("JobResponse"));
        Assert.Contains("frames_count", Names("JobResult"));
        var artifacts = schemas.GetProperty("JobResult").GetProperty("properties").GetProperty("artifacts").GetProperty("properties");
        Assert.Equal(["txt_files", "png_files", "mp4", "ansi_files", "cast", "gif", "webm_alpha", "html_player"], artifacts.EnumerateObject().Select(p => p.Name));
        Assert.Equal("array", artifacts.GetProperty("png_files").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/docs/index.html")]
    [InlineData("/redoc/index.html")]
    public async Task Docs_pages_load_everything_from_this_server(string page)
    {
        var html = await _client.GetStringAsync(page);

        // Nothing may come from the internet: every src/href is relative or on this host.
        var external = Regex.Matches(html, "(?:src|href)=\"(https?://[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Empty(external);
        var assets = Regex.Matches(html, "(?:src|href)=\"([^\"#]+\\.(?:js|css))\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            var response = await _client.GetAsync(new Uri(new Uri("http://localhost" + page), asset));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"{asset} is empty");
        }
    }

    [Fact]
    public async Task The_hangfire_dashboard_refuses_requests_that_are_not_local()
    {
        // The in-process host has no network peer, so its plain requests are local; one that a proxy on this machine
        // forwarded for a client elsewhere is not, even though it arrives from 127.0.0.1.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/hangfire")).StatusCode);
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        var response = await _client.SendAsync(proxied);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
