using Microsoft.AspNetCore.DataProtection;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// A job's callback secret as the job table holds it until its notifications are signed: encrypted with ASP.NET Core
/// Data Protection, whose key ring lives in the data folder (shared by every node of a scaled-out installation, so a
/// worker reads what a web node wrote). Secrets stored in clear before this existed have no marker and are read as they are.
/// </summary>
public sealed class CallbackSecretProtector(IDataProtectionProvider provider)
{
    /// <summary>Marks the encrypted form; a clear-text secret from an older version never starts with it in practice.</summary>
    private const string EncryptedMarker = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("VidStudio.Webhooks.CallbackSecret");

    public string Protect(string secret) => EncryptedMarker + _protector.Protect(secret);

    /// <summary>The secret; throws <see cref="System.Security.Cryptography.CryptographicException"/> when the key ring that encrypted it is gone.</summary>
    public string Unprotect(string stored) =>
        stored.StartsWith(EncryptedMarker, StringComparison.Ordinal) ? _protector.Unprotect(stored[EncryptedMarker.Length..]) : stored;
}
