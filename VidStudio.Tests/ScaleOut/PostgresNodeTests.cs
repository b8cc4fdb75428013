using System.Net;
using System.Net.Http.Json;
using Npgsql;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.ScaleOut;

/// <summary>VidStudio on a real PostgreSQL server (a throw-away cluster): schema at start, several nodes on one database.</summary>
[Collection(nameof(StandaloneServers))]
public sealed class PostgresNodeTests(PostgresCluster postgres) : IClassFixture<PostgresCluster>, IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private Dictionary<string, string> NodeSettings(string database) => new()
    {
        ["VidStudio__Database__Provider"] = "postgres",
        ["ConnectionStrings__VidStudio"] = postgres.ConnectionString(database),
    };

    [Fact]
    public async Task Two_nodes_starting_at_the_same_moment_on_a_fresh_database_get_one_schema_and_share_jobs_and_presets()
    {
        // One shared data folder, as a shared volume would be.
        var shared = _media.PathOf("shared-data");
        var fresh = "fresh_" + Guid.NewGuid().ToString("N")[..8];
        using var first = new ServerProcess(shared, NodeSettings(fresh));
        using var second = new ServerProcess(shared, NodeSettings(fresh));
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        await using (var connection = new NpgsqlConnection(postgres.ConnectionString(fresh)))
        {
            await connection.OpenAsync();
            await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('Jobs', 'Artifacts', 'Presets', 'Users', 'ApiKeys', 'WebhookDeliveries', 'WebhookAttempts')", connection);
            Assert.Equal(7L, await tables.ExecuteScalarAsync());
            await using var history = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
            var migrations = typeof(VidStudio.Web.Data.PostgresDbContext).Assembly.GetTypes()
                .Count(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute), false)
                    .Cast<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>().Any(a => a.ContextType == typeof(VidStudio.Web.Data.PostgresDbContext))
                    && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
            Assert.True(migrations >= 2);
            Assert.Equal((long)migrations, await history.ExecuteScalarAsync());
            await using var hangfire = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire' AND table_name = 'job'", connection);
            Assert.Equal(1L, await hangfire.ExecuteScalarAsync());
        }

        // A job queued on one node is seen, with its result, from the other; its files download from either.
        var clip = _media.TestSource("pg.mp4", 320, 180, fps: 10, seconds: 2);
        var queued = await first.Client.PostAsync($"{first.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip, ("width", "40")));
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
        using var viaSecond = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
        var final = (await ApiClient.WaitForJobAsync(viaSecond, jobId))[^1];
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(20, final.GetProperty("result").GetProperty("frames_count").GetInt32());
        var video = await viaSecond.GetAsync($"/api/v1/download/{jobId}/video");
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.True((await video.Content.ReadAsByteArrayAsync()).Length > 1000);

        // Preset names compare without case on PostgreSQL too, and a preset saved on one node is used on the other.
        Assert.Equal(HttpStatusCode.Created, (await first.Client.PostAsJsonAsync($"{first.BaseUrl}/api/v1/presets", new { name = "Night Dots", options = new { style = "dots", width = 30 } })).StatusCode);
        var again = await second.Client.PostAsJsonAsync($"{second.BaseUrl}/api/v1/presets", new { name = "night dots", options = new { style = "dots", width = 50 } });
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
        var presets = await (await second.Client.GetAsync($"{second.BaseUrl}/api/v1/presets")).JsonAsync();
        Assert.Single(presets.EnumerateArray(), p => string.Equals(p.GetProperty("name").GetString(), "night dots", StringComparison.OrdinalIgnoreCase));
        var withPreset = await second.Client.PostAsync($"{second.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip, ("preset", "NIGHT DOTS"), ("save_mp4", "false")));
        Assert.Equal(HttpStatusCode.Accepted, withPreset.StatusCode);
        Assert.Equal(50, (await withPreset.JsonAsync()).GetProperty("options").GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task The_upload_budget_is_one_for_all_nodes_not_one_per_node()
    {
        var database = "quota_" + Guid.NewGuid().ToString("N")[..8];
        var settings = NodeSettings(database);
        // Windows are aligned to the clock (every node counts the same one): a day-long one keeps the test from straddling two.
        settings["VidStudio__RateLimit__UploadPermitLimit"] = "2";
        settings["VidStudio__RateLimit__Window"] = "1.00:00:00";
        var shared = _media.PathOf("quota-data");
        using var first = new ServerProcess(shared, settings);
        using var second = new ServerProcess(shared, settings);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var clip = _media.TestSource("quota.mp4", 160, 90, fps: 10, seconds: 1);

        // One upload on each node spends the budget of two; the third is refused whichever node it reaches.
        Assert.Equal(HttpStatusCode.Accepted, (await first.Client.PostAsync($"{first.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await second.Client.PostAsync($"{second.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip))).StatusCode);
        foreach (var node in new[] { first, second })
        {
            var refused = await node.Client.PostAsync($"{node.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
            Assert.Equal("Too many uploads", (await refused.JsonAsync()).GetProperty("title").GetString());
        }
    }
}
