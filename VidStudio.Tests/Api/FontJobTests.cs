using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VidStudio.Core.Options;
using VidStudio.Tests.Support;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;

namespace VidStudio.Tests.Api;

/// <summary>A job looks its font up when it runs: one whose uploaded font was deleted after it was queued fails, saying so.</summary>
[Collection(nameof(ServerCollection))]
public sealed class FontJobTests(ServerFixture app)
{
    [Fact]
    public async Task A_job_whose_font_was_deleted_after_it_was_queued_fails_saying_the_font_is_gone()
    {
        var client = app.CreateClient();
        var font = app.Media.PathOf("gone-serif.ttf");
        File.Copy("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", font, overwrite: true);
        using (var form = new MultipartFormDataContent())
        {
            var file = new StreamContent(File.OpenRead(font));
            file.Headers.ContentType = new MediaTypeHeaderValue("font/ttf");
            form.Add(file, "file", "gone-serif.ttf");
            form.Add(new StringContent("gone-serif"), "name");
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/fonts", form)).StatusCode);
        }

        // The job as the queue holds it, named by the same (local) owner, run the way a worker runs it once the font is gone.
        var clip = app.Media.TestSource("gone-font.mp4", 160, 90, fps: 5, seconds: 1, audio: false);
        var publicId = Guid.NewGuid().ToString("N")[..12];
        var databases = app.Services.GetRequiredService<IDbContextFactory<VidStudioDbContext>>();
        await using (var db = await databases.CreateDbContextAsync())
        {
            db.Jobs.Add(new JobRecord
            {
                PublicId = publicId,
                OriginalFileName = "gone-font.mp4",
                InputPath = clip,
                OptionsJson = JobOptionsJson.Serialize(new ConversionOptions { Width = 20, Font = "gone-serif", SaveMp4 = false }),
                Status = JobStatus.Pending,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/fonts/gone-serif")).StatusCode);
        await app.Services.GetRequiredService<ConversionJob>().RunAsync(publicId, null, CancellationToken.None);

        var status = await (await client.GetAsync($"/api/v1/status/{publicId}")).JsonAsync();
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("There is no font 'gone-serif'", status.GetProperty("error").GetString());
    }
}
