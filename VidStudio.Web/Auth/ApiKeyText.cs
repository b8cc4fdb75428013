using System.Security.Cryptography;
using System.Text;

namespace VidStudio.Web.Auth;

/// <summary>The form of API keys: <c>vsk_</c> and 43 characters of base64url (256 random bits).</summary>
public static class ApiKeyText
{
    private const string Marker = "vsk_";

    public static string Generate() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Hex SHA-256 of the key: what the database stores and looks keys up by.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The start of a key, enough to tell keys apart in a list without revealing them.</summary>
    public static string Prefix(string key) => key.Length <= 12 ? key[..Math.Min(4, key.Length)] : key[..12];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
