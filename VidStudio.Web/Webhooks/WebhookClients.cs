using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// The HTTP clients deliveries use: no redirects (a 3xx is an answer, not a new target), no proxy (it would connect on
/// our behalf where the policy cannot see), a short timeout, and a connect step that resolves the host itself and
/// connects only to addresses <see cref="WebhookAddressPolicy"/> allows. Jobs' callbacks and configured endpoints have
/// a client each, so a pooled connection to a trusted private endpoint can never carry a user's callback.
/// </summary>
public sealed class WebhookClients : IDisposable
{
    public WebhookClients(WebhookAddressPolicy policy, IOptions<VidStudioSettings> settings)
    {
        var timeout = settings.Value.Webhooks.Timeout;
        Callbacks = Create(policy, fromCallback: true, timeout);
        Configured = Create(policy, fromCallback: false, timeout);
    }

    public HttpClient Callbacks { get; }

    public HttpClient Configured { get; }

    public HttpClient For(bool fromCallback) => fromCallback ? Callbacks : Configured;

    private static HttpClient Create(WebhookAddressPolicy policy, bool fromCallback, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = timeout,
            // Names are resolved again at least this often, so a moved endpoint is followed (and re-checked).
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
                var allowed = addresses.Where(a => policy.Allows(a, fromCallback)).ToArray();
                if (allowed.Length == 0)
                {
                    throw new HttpRequestException($"'{host}' resolves to loopback, link-local or private addresses only; not called (setting VidStudio:Webhooks:AllowPrivateNetworks).");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { Timeout = timeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("VidStudio-Webhooks/1");
        return client;
    }

    public void Dispose()
    {
        Callbacks.Dispose();
        Configured.Dispose();
    }
}
