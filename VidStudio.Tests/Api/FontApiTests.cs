using System.Net;
using System.Net.Http.Headers;
using SkiaSharp;
using VidStudio.Core.Rendering;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Api;

/// <summary>A server with authentication on (two members and the admin) and a small font size cap.</summary>
public sealed class FontServer : IAsyncLifetime
{
    public const long MaxFontFileSize = 2 * 1024 * 1024;

    public AuthServer Auth { get; } = new() { Settings = { ["VidStudio__MaxFontFileSize"] = MaxFontFileSize.ToString() } };

    public Task InitializeAsync() => Auth.InitializeAsync();

    public Task DisposeAsync() => Auth.DisposeAsync();
}

[Collection(nameof(StandaloneServers))]
public sealed class FontApiTests(FontServer fonts) : IClassFixture<FontServer>
{
    private const string DejaVuSerif = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";

    private AuthServer Auth => fonts.Auth;

    /// <summary>A copy of <paramref name="source"/> under another file name, as a user's own file would be.</summary>
    private string CopyOf(string source, string name)
    {
        var path = Auth.Media.PathOf(name);
        File.Copy(source, path, overwrite: true);
        return path;
    }

    private static MultipartFormDataContent FontForm(string path, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("font/ttf");
        form.Add(file, "file", Path.GetFileName(path));
        form.Add(new StringContent(name), "name");
        return form;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.JsonAsync()).GetProperty("detail").GetString()));
    }

    /// <summary>Converts the clip to one PNG and one text frame with <paramref name="fields"/>; the first frame's picture and its row count.</summary>
    private static async Task<(SKBitmap Picture, int Rows)> FirstFrameAsync(HttpClient client, string clip, params (string Name, string Value)[] fields)
    {
        var queued = await client.PostAsync("/api/v1/convert/video",
            ApiClient.Form(clip, [("width", "40"), ("save_mp4", "false"), ("save_txt", "true"), .. fields]));
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
        var final = (await ApiClient.WaitForJobAsync(client, jobId))[^1];
        Assert.Equal("completed", final.GetProperty("status").GetString());
        var text = await client.GetStringAsync($"/api/v1/download/{jobId}/frame_000000.txt");
        var png = await client.GetByteArrayAsync($"/api/v1/download/{jobId}/frame_000000.png");
        return (SKBitmap.Decode(png), text.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public async Task The_list_offers_the_three_bundled_fonts_with_their_cell_aspect()
    {
        using var member = Auth.ClientWith(await Auth.NewMemberKeyAsync("lister"));

        var list = await (await member.GetAsync("/api/v1/fonts")).JsonAsync();

        var bundled = list.EnumerateArray().Where(f => f.GetProperty("bundled").GetBoolean()).ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["dejavu-sans-mono", "liberation-mono", "noto-sans-mono"], bundled.Keys.Order());
        Assert.Equal("DejaVu Sans Mono", bundled["dejavu-sans-mono"].GetProperty("family").GetString());
        Assert.Equal("Liberation Mono", bundled["liberation-mono"].GetProperty("family").GetString());
        foreach (var font in bundled.Values)
        {
            Assert.InRange(font.GetProperty("cell_aspect").GetDouble(), 0.4, 0.6);
            Assert.True(font.GetProperty("monospace").GetBoolean());
        }
    }

    [Fact]
    public async Task An_uploaded_font_draws_the_frames_and_its_cell_sets_the_row_count()
    {
        using var member = Auth.ClientWith(await Auth.NewMemberKeyAsync("typographer"));
        var clip = Auth.Media.TestSource("fonts.mp4", 320, 180, fps: 5, seconds: 1, audio: false);

        var uploaded = await member.PostAsync("/api/v1/fonts", FontForm(CopyOf(DejaVuSerif, "my-serif.ttf"), "my-serif"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var font = await uploaded.JsonAsync();
        Assert.Equal("DejaVu Serif", font.GetProperty("family").GetString());
        Assert.False(font.GetProperty("monospace").GetBoolean());
        Assert.Contains("my-serif", (await (await member.GetAsync("/api/v1/fonts")).JsonAsync()).EnumerateArray().Select(f => f.GetProperty("name").GetString()));

        var (standard, standardRows) = await FirstFrameAsync(member, clip);
        var (serif, serifRows) = await FirstFrameAsync(member, clip, ("font", "my-serif"));

        Assert.Equal((int)Math.Round(40 * 180.0 / 320 * font.GetProperty("cell_aspect").GetDouble()), serifRows);
        Assert.NotEqual(standardRows, serifRows);
        Assert.Equal((standard.Width, standard.Height), (serif.Width, serif.Height));
        var differing = 0;
        for (var y = 0; y < standard.Height; y += 2)
        {
            for (var x = 0; x < standard.Width; x += 2)
            {
                differing += standard.GetPixel(x, y) != serif.GetPixel(x, y) ? 1 : 0;
            }
        }

        Assert.True(differing > standard.Width * standard.Height / 4 / 20, $"only {differing} sampled pixels differ between the two fonts' frames");
    }

    [Fact]
    public async Task Files_that_are_not_fonts_are_refused_and_so_is_one_over_the_size_cap()
    {
        using var member = Auth.ClientWith(await Auth.NewMemberKeyAsync("prankster"));
        var text = Auth.Media.PathOf("notes.ttf");
        await File.WriteAllTextAsync(text, "This is a text file with a font's extension.\n");
        var truncated = Auth.Media.PathOf("truncated.ttf");
        await File.WriteAllBytesAsync(truncated, (await File.ReadAllBytesAsync(FontSet.DefaultMonoPath))[..4096]);
        var huge = Auth.Media.PathOf("huge.ttf");
        await File.WriteAllBytesAsync(huge, new byte[FontServer.MaxFontFileSize + 1]);

        await AssertProblemAsync(await member.PostAsync("/api/v1/fonts", FontForm(text, "text")), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await member.PostAsync("/api/v1/fonts", FontForm(truncated, "truncated")), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await member.PostAsync("/api/v1/fonts", FontForm(huge, "huge")), HttpStatusCode.RequestEntityTooLarge);
        await AssertProblemAsync(await member.PostAsync("/api/v1/fonts", FontForm(CopyOf(DejaVuSerif, "named.ttf"), "../escape")), HttpStatusCode.BadRequest);

        var names = (await (await member.GetAsync("/api/v1/fonts")).JsonAsync()).EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("text", names);
        Assert.DoesNotContain("truncated", names);
        Assert.DoesNotContain("huge", names);
    }

    [Fact]
    public async Task A_font_is_its_owners_another_member_can_neither_use_nor_delete_it_and_bundled_fonts_stay()
    {
        using var alice = Auth.ClientWith(await Auth.NewMemberKeyAsync("alice-fonts"));
        using var bob = Auth.ClientWith(await Auth.NewMemberKeyAsync("bob-fonts"));
        var clip = Auth.Media.TestSource("owned-font.mp4", 160, 90, fps: 5, seconds: 1, audio: false);
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsync("/api/v1/fonts", FontForm(CopyOf(DejaVuSerif, "alice.ttf"), "alice-serif"))).StatusCode);
        await AssertProblemAsync(await alice.PostAsync("/api/v1/fonts", FontForm(CopyOf(DejaVuSerif, "again.ttf"), "alice-serif")), HttpStatusCode.Conflict);
        await AssertProblemAsync(await alice.PostAsync("/api/v1/fonts", FontForm(CopyOf(DejaVuSerif, "bundled.ttf"), "liberation-mono")), HttpStatusCode.Conflict);

        Assert.DoesNotContain("alice-serif", (await (await bob.GetAsync("/api/v1/fonts")).JsonAsync()).ToString());
        var bobUsesIt = await bob.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("font", "alice-serif"), ("save_mp4", "false")));
        await AssertProblemAsync(bobUsesIt, HttpStatusCode.BadRequest);
        Assert.Contains("alice-serif", (await bobUsesIt.JsonAsync()).GetProperty("errors").GetProperty("font")[0].GetString());
        await AssertProblemAsync(await bob.DeleteAsync("/api/v1/fonts/alice-serif"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await alice.DeleteAsync("/api/v1/fonts/liberation-mono"), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync("/api/v1/fonts/alice-serif")).StatusCode);
        var afterDelete = await alice.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("font", "alice-serif"), ("save_mp4", "false")));
        await AssertProblemAsync(afterDelete, HttpStatusCode.BadRequest);
        Assert.Contains("liberation-mono", (await (await alice.GetAsync("/api/v1/fonts")).JsonAsync()).ToString());
    }
}
