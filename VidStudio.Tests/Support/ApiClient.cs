using System.Net.Http.Headers;
using System.Text.Json;

namespace VidStudio.Tests.Support;

/// <summary>Small helpers that speak the API as a script would: multipart uploads and status polling.</summary>
public static class ApiClient
{
    public static MultipartFormDataContent Form(string fileField, IEnumerable<string> files, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var path in files)
        {
            var content = new StreamContent(File.OpenRead(path));
            content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            form.Add(content, fileField, Path.GetFileName(path));
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static MultipartFormDataContent Form(string file, params (string Name, string Value)[] fields) => Form("file", [file], fields);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls /status until the job leaves pending/processing; returns every status seen, the last one final.</summary>
    public static async Task<List<JsonElement>> WaitForJobAsync(HttpClient client, string jobId, TimeSpan? limit = null)
    {
        var seen = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            var status = await (await client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync();
            seen.Add(status);
            if (status.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return seen;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Job {jobId} did not finish; last status: {seen.LastOrDefault()}");
    }
}
