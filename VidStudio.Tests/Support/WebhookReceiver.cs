using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace VidStudio.Tests.Support;

/// <summary>
/// A webhook receiver on a free loopback port: records every request (path, headers, exact body bytes) and answers
/// what <see cref="Answer"/> says for the n-th request to a path (a status, and a Location for redirects).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = LoopbackPorts.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>(path, how many requests that path had before this one) → status and optional Location; 200 by default.</summary>
    public Func<string, int, (int Status, string? Location)> Answer { get; set; } = (_, _) => (200, null);

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<ReceivedRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>Waits until <paramref name="path"/> had <paramref name="count"/> requests; returns them.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(string path, int count, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (To(path).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} received {To(path).Count} of {count} requests within {limit}.");
            }

            await Task.Delay(50);
        }

        return To(path);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url!.AbsolutePath;
            int earlier;
            lock (_requests)
            {
                earlier = _requests.Count(r => r.Path == path);
                _requests.Add(new ReceivedRequest(path, context.Request.HttpMethod, context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase), body.ToArray()));
            }

            var (status, location) = Answer(path, earlier);
            context.Response.StatusCode = status;
            if (location is not null)
            {
                context.Response.RedirectLocation = location;
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

}

public sealed record ReceivedRequest(string Path, string Method, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>Whether the signature header is the HMAC-SHA256 of the raw body under <paramref name="secret"/>, checked as a receiver should (constant time).</summary>
    public bool IsSignedWith(string secret)
    {
        var expected = Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body)));
        return Headers.TryGetValue("X-VidStudio-Signature", out var header)
            && CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }
}
