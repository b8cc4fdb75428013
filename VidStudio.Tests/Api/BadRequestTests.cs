using System.Net;
using System.Text;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Api;

[Collection(nameof(ServerCollection))]
public class BadRequestTests(ServerFixture app)
{
    private readonly HttpClient _client = app.CreateClient();

    /// <summary>Checks the answer is problem details with the status, naming the field, and that the server still works after it.</summary>
    private async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString());
        if (field is not null)
        {
            var named = problem.TryGetProperty("errors", out var errors) ? errors.TryGetProperty(field, out _) : problem.GetProperty("field").GetString() == field;
            Assert.True(named, $"the problem should name '{field}': {body}");
        }

        var health = await _client.GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("width", "5", "between 10 and 240")]
    [InlineData("style", "xyz", "style must be one of")]
    [InlineData("bg_color", "red", "#RRGGBB")]
    [InlineData("brightness", "bright", "must be a number")]
    [InlineData("fps", "500", "between 1 and 120")]
    [InlineData("widht", "100", "not a parameter")]
    public async Task Bad_parameters_are_400_naming_the_field(string field, string value, string detail)
    {
        var clip = app.Media.TestSource("bad-params.mp4", 160, 90, seconds: 1);
        var response = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, (field, value)));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, detail);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://localhost./hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f.1/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://[::ffff:10.1.2.3]/hook")]
    [InlineData("http://[::10.0.0.1]/hook")]
    [InlineData("http://[2002:a00:1::]/hook")]
    [InlineData("http://no-such-host.invalid/hook")]
    public async Task A_callback_to_a_private_or_unknown_address_is_422_naming_no_address_and_creates_no_job(string url)
    {
        const string detail = "does not resolve to public addresses only";
        var clip = app.Media.TestSource("bad-params.mp4", 160, 90, seconds: 1);
        var before = (await (await _client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("total").GetInt32();
        var response = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("callback_url", url)));
        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "callback_url", detail);
        if (url.Contains("localhost"))
        {
            // The resolved address is not echoed: the answer must not map internal names to internal addresses.
            var problem = (await response.JsonAsync()).GetProperty("detail").GetString()!;
            Assert.DoesNotContain("127.0.0.1", problem);
            Assert.DoesNotContain("::1", problem);
        }

        Assert.Equal(before, (await (await _client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("callback_url", "ftp://example.com/hook", "http:// or https://")]
    [InlineData("callback_url", "/relative/hook", "http:// or https://")]
    [InlineData("callback_url", "https://user:pass@example.com/hook", "user name or password")]
    [InlineData("callback_secret", "a-secret-without-a-url", "needs a callback_url")]
    public async Task A_malformed_callback_is_400_naming_the_field(string field, string value, string detail)
    {
        var clip = app.Media.TestSource("bad-params.mp4", 160, 90, seconds: 1);
        var response = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, (field, value)));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, detail);
    }

    [Fact]
    public async Task A_short_callback_secret_is_400()
    {
        var clip = app.Media.TestSource("bad-params.mp4", 160, 90, seconds: 1);
        var response = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("callback_url", "https://example.com/hook"), ("callback_secret", "short")));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "callback_secret", "16 to 256 characters");
    }

    [Fact]
    public async Task A_text_file_named_mp4_is_415()
    {
        var fake = app.Media.PathOf("fake.mp4");
        await File.WriteAllTextAsync(fake, "definitely not a video");
        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(fake)), HttpStatusCode.UnsupportedMediaType, null, "not a video");
    }

    [Fact]
    public async Task An_empty_file_is_415()
    {
        var empty = app.Media.PathOf("empty.mp4");
        await File.WriteAllBytesAsync(empty, []);
        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(empty)), HttpStatusCode.UnsupportedMediaType, null, "empty");
    }

    [Fact]
    public async Task A_file_larger_than_MaxFileSize_is_413_and_is_not_kept()
    {
        var big = app.Media.PathOf("big.mp4");
        await File.WriteAllBytesAsync(big, new byte[ServerFixture.MaxFileSize + 1024 * 1024]);
        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(big)), HttpStatusCode.RequestEntityTooLarge, "file", "at most 16 MB");
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "uploads", ".staging")));
    }

    [Fact]
    public async Task A_form_without_a_file_or_not_multipart_is_refused()
    {
        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/video", new MultipartFormDataContent { { new StringContent("100"), "width" } }),
            HttpStatusCode.BadRequest, "file", "no file");
        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/video", new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.UnsupportedMediaType, null, "multipart/form-data");
    }

    [Fact]
    public async Task Unknown_jobs_and_batches_are_404()
    {
        await AssertProblemAsync(await _client.GetAsync("/api/v1/status/000000000000"), HttpStatusCode.NotFound, null, "no job");
        await AssertProblemAsync(await _client.GetAsync("/api/v1/status/..%2F..%2Fetc"), HttpStatusCode.NotFound, null, "no job");
        await AssertProblemAsync(await _client.GetAsync("/api/v1/batch/abcdefabcdef"), HttpStatusCode.NotFound, null, "no batch");
        await AssertProblemAsync(await _client.GetAsync("/api/v1/download/000000000000/video"), HttpStatusCode.NotFound, null, "no job");
    }

    [Theory]
    [InlineData("../../etc/passwd.mp4")]
    [InlineData("..\\..\\windows\\evil.mp4")]
    [InlineData("clip\u0000.mp4")]
    [InlineData("ünïcødé 🎬.mp4")]
    public async Task Uploaded_file_names_never_become_paths(string hostileName)
    {
        var clip = app.Media.TestSource("named.mp4", 160, 90, seconds: 1);
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(clip));
        form.Add(content, "file", "placeholder.mp4");
        content.Headers.ContentDisposition!.FileName = null;
        content.Headers.ContentDisposition.FileNameStar = hostileName;
        form.Add(new StringContent("20"), "width");

        var response = await _client.PostAsync("/api/v1/convert/video", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.JsonAsync();
        var jobId = job.GetProperty("job_id").GetString()!;
        var shown = job.GetProperty("file_name").GetString()!;
        Assert.DoesNotContain("/", shown);
        Assert.DoesNotContain("\\", shown);
        Assert.DoesNotContain('\0', shown);
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "etc", "passwd.mp4")));
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(_client, jobId))[^1].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("..%2F..%2Fvidstudio.db")]
    [InlineData("..%2Fuploads")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("frame_000000.png%2F..%2F..%2F..%2Fvidstudio.db")]
    public async Task Download_names_resolve_only_inside_the_job_folder(string name)
    {
        var clip = app.Media.TestSource("traversal.mp4", 160, 90, seconds: 1);
        var jobId = (await (await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "20")))).JsonAsync()).GetProperty("job_id").GetString()!;
        await ApiClient.WaitForJobAsync(_client, jobId);

        var response = await _client.GetAsync($"/api/v1/download/{jobId}/{name}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("SQLite", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Studio_uploads_refuse_empty_oversized_and_unusable_files_and_accept_a_video()
    {
        await AssertProblemAsync(await _client.PostAsync("/studio/uploads?name=a.mp4", new ByteArrayContent([])), HttpStatusCode.BadRequest, null, "request body");
        var oversized = new ByteArrayContent(new byte[ServerFixture.MaxFileSize + 1]);
        await AssertProblemAsync(await _client.PostAsync("/studio/uploads?name=a.mp4", oversized), HttpStatusCode.RequestEntityTooLarge, null, "at most");
        await AssertProblemAsync(await _client.PostAsync("/studio/uploads?name=notes.mp4", new StringContent("just text")), HttpStatusCode.UnsupportedMediaType, null, "not a video");

        var clip = app.Media.TestSource("studio-http.mp4", 160, 90, seconds: 1);
        var response = await _client.PostAsync("/studio/uploads?name=..%2F..%2Fclip.mp4", new ByteArrayContent(await File.ReadAllBytesAsync(clip)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.JsonAsync()).GetProperty("id").GetString()!;
        var stored = Directory.GetFiles(Path.Combine(app.DataDirectory, "studio", id));
        Assert.Equal("source.mp4", Path.GetFileName(Assert.Single(stored)));
    }
}
