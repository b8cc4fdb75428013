using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Admission;
using VidStudio.Web.Data;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// Which addresses the server may call back (SSRF): http and https only, and for a job's <c>callback_url</c> no
/// loopback, link-local, private, shared or reserved address unless <see cref="WebhookSettings.AllowPrivateNetworks"/>.
/// A URL is checked when the job is submitted (a clear 422) and every address is checked again when a delivery
/// connects (<see cref="WebhookSender"/>), so a name that resolves elsewhere later (DNS rebinding) gains nothing.
/// </summary>
public sealed class WebhookAddressPolicy(IOptions<VidStudioSettings> settings)
{
    public const string CallbackUrlField = "callback_url";
    private const int MaxHostLength = 253;

    /// <summary>Why <paramref name="url"/> cannot be a webhook at all, or null.</summary>
    public static string? CheckSyntax(string url)
    {
        if (url.Length > WebhookDeliveryRecord.MaxUrlLength)
        {
            return $"a webhook URL may have at most {WebhookDeliveryRecord.MaxUrlLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return "a webhook URL must be an absolute http:// or https:// URL.";
        }

        if (uri.IdnHost.Length > MaxHostLength)
        {
            return $"a webhook URL's host name may have at most {MaxHostLength} characters.";
        }

        return uri.UserInfo.Length > 0 ? "a webhook URL may not carry a user name or password." : null;
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>; configured endpoints are the administrator's and trusted.</summary>
    public bool Allows(IPAddress address, bool fromCallback) => !fromCallback || settings.Value.Webhooks.AllowPrivateNetworks || IsPublic(address);

    /// <summary>A job's <c>callback_url</c> (well-formed, see <see cref="CheckSyntax"/>), checked the way its delivery will be; a refusal is a 422 naming the field.</summary>
    public async Task CheckCallbackAsync(string url, CancellationToken cancellationToken)
    {
        var host = new Uri(url).IdnHost;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        // One answer for "unknown" and "internal", naming no address: the API must not become a way to map internal DNS.
        if (addresses.Length == 0 || addresses.Any(a => !Allows(a, fromCallback: true)))
        {
            throw Refused($"'{host}' does not resolve to public addresses only; this server calls no loopback, link-local or private address (setting VidStudio:Webhooks:AllowPrivateNetworks).");
        }
    }

    /// <summary>
    /// Addresses anyone on the internet can reach: for IPv4 not loopback, link-local, private, shared (CGNAT),
    /// multicast or reserved; for IPv6 only global unicast (2000::/3), where the forms that carry an IPv4 address
    /// (NAT64, 6to4) are judged by that address and Teredo and documentation prefixes are refused.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] is >= 64 and < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        var bytes = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes; 6to4 (2002::/16) the one after its prefix.
        if (bytes.AsSpan(0, 12).SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12)));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }

        var globalUnicast = (bytes[0] & 0xe0) == 0x20;
        var teredo = bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0;
        var documentation = bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8;
        return globalUnicast && !teredo && !documentation;
    }

    private static ApiProblemException Refused(string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, "Callback URL refused", $"callback_url: {detail}", CallbackUrlField);
}
