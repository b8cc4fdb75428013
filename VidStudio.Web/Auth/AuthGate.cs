using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Auth;

/// <summary>
/// Decides, per request, whether a key or a session is needed (<c>VidStudio:Auth:Mode</c>). In <c>auto</c> it is
/// needed unless the server listens on loopback addresses only and the request is local, so the README's first command
/// and the client examples work unchanged on localhost while Docker (0.0.0.0) or a reverse proxy in front turn it on.
/// </summary>
public sealed class AuthGate(IOptions<VidStudioSettings> settings, IServer server)
{
    private bool? _listensBeyondLoopback;

    public AuthMode Mode => settings.Value.Auth.Mode;

    /// <summary>
    /// True when any address the server is bound to is not a loopback one (0.0.0.0, [::], a host name, a LAN address).
    /// Read from the server once it has started; an in-process test server has no addresses and counts as loopback.
    /// </summary>
    public bool ListensBeyondLoopback => _listensBeyondLoopback ??= server.Features.Get<IServerAddressesFeature>()?.Addresses.Any(a => !IsLoopbackAddress(a)) ?? false;

    /// <summary>Whether anything at all can require authentication, so that an admin must exist to sign in with.</summary>
    public bool CanRequireAuth => Mode == AuthMode.On || (Mode == AuthMode.Auto && (ListensBeyondLoopback || settings.Value.KnownProxies.Length > 0));

    /// <summary>Whether every request needs a key: what the Studio shows (sign-in, account pages) and the log says.</summary>
    public bool IsOnForEveryRequest => Mode == AuthMode.On || (Mode == AuthMode.Auto && ListensBeyondLoopback);

    public bool IsRequired(HttpContext context) => Mode switch
    {
        AuthMode.On => true,
        AuthMode.Off => false,
        _ => ListensBeyondLoopback || !LocalRequest.IsLocal(context),
    };

    /// <summary>http://localhost:5000, http://127.0.0.1:5000 and http://[::1]:5000 are loopback; 0.0.0.0, [::], *, + and names are not.</summary>
    public static bool IsLoopbackAddress(string address)
    {
        var hostStart = address.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        var host = address[hostStart..];
        var end = host.StartsWith('[') ? host.IndexOf(']') + 1 : host.IndexOfAny([':', '/']);
        host = end > 0 ? host[..end] : host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
