using System.Net.Http.Headers;
using System.Text.Json;

namespace VidStudio.Bench;

/// <summary>Uploads a clip to a running server's API with the default options, as a user's script would.</summary>
internal static class ServerUploads
{
    /// <summary>Posts <paramref name="bytes"/> as <paramref name="fileName"/> to <c>/api/v1/convert/video</c>; returns the job's id.</summary>
    public static async Task<string> SubmitAsync(HttpClient client, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", fileName);
        var response = await client.PostAsync("/api/v1/convert/video", form);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("job_id").GetString()!;
    }
}
