using System.Net;

namespace VidStudio.Web.Auth;

/// <summary>
/// Whether a request comes from this machine. Decided after the forwarded-headers middleware has replaced the address
/// of a known proxy with the client's, and a request that still carries forwarding headers is never local: a reverse
/// proxy on the same host connects from 127.0.0.1 on behalf of clients anywhere.
/// </summary>
public static class LocalRequest
{
    /// <remarks>A connection without an address has no network peer (an in-process test host, a Unix socket) and counts as local.</remarks>
    public static bool IsLocal(HttpContext context) =>
        (context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
        && !IsForwarded(context.Request);

    /// <summary>True when a proxy's forwarding headers are present (the middleware removes those it has applied).</summary>
    public static bool IsForwarded(HttpRequest request) =>
        request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("Forwarded");
}
