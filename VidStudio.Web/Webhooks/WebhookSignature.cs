using System.Security.Cryptography;
using System.Text;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// <c>X-VidStudio-Signature: sha256=HEX</c>: the HMAC-SHA256 of the exact body bytes under the endpoint's secret. A
/// receiver recomputes it over the raw body and compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-VidStudio-Signature";
    public const int MinSecretLength = 16;

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>A secret for a callback whose client did not choose one: 32 random bytes, URL-safe base64.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
