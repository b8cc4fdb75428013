using System.Net;
using System.Net.Http.Json;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Api;

[Collection(nameof(ServerCollection))]
public class PresetApiTests(ServerFixture app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Presets_are_listed_saved_used_on_convert_and_deleted()
    {
        var list = await (await _client.GetAsync("/api/v1/presets")).JsonAsync();
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("name").GetString() == "Amber terminal" && p.GetProperty("built_in").GetBoolean());

        var saved = await _client.PostAsJsonAsync("/api/v1/presets", new { name = "Night dots", options = new { style = "dots", text_color = "#AABBCC", width = 50 } });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal("dots", (await saved.JsonAsync()).GetProperty("options").GetProperty("style").GetString());

        // The preset is the baseline; fields sent with it still win.
        var clip = app.Media.TestSource("preset.mp4", 160, 90, seconds: 1);
        var queued = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("preset", "Night dots"), ("width", "30")));
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var options = (await queued.JsonAsync()).GetProperty("options");
        Assert.Equal(("dots", "#AABBCC", 30), (options.GetProperty("style").GetString(), options.GetProperty("text_color").GetString(), options.GetProperty("width").GetInt32()));
        await ApiClient.WaitForJobAsync(_client, (await queued.JsonAsync()).GetProperty("job_id").GetString()!);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/api/v1/presets/Night%20dots")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/presets/Night%20dots")).StatusCode);
    }

    [Fact]
    public async Task Bad_presets_are_refused_with_problem_details()
    {
        var clip = app.Media.TestSource("preset-bad.mp4", 160, 90, seconds: 1);
        var unknown = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("preset", "No such look")));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("preset", (await unknown.JsonAsync()).GetProperty("field").GetString());

        var invalid = await _client.PostAsJsonAsync("/api/v1/presets", new { name = "Too wide", options = new { width = 999 } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.JsonAsync()).GetProperty("errors").TryGetProperty("width", out _));

        var builtIn = await _client.PostAsJsonAsync("/api/v1/presets", new { name = "Newspaper", options = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, builtIn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.DeleteAsync("/api/v1/presets/Newspaper")).StatusCode);
    }
}
