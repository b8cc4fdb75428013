using VidStudio.Core.Options;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// The callback fields of a convert request: <c>callback_url</c> (checked against <see cref="WebhookAddressPolicy"/>)
/// and an optional <c>callback_secret</c>; without one the server makes a secret and answers it once.
/// </summary>
public sealed class CallbackRequestReader(WebhookAddressPolicy policy)
{
    public const string SecretField = "callback_secret";
    public const int MaxSecretLength = 256;

    /// <summary>Fields this reader owns, which the conversion parameters do not.</summary>
    public static bool Owns(string field) => field is WebhookAddressPolicy.CallbackUrlField or SecretField;

    public async Task<JobCallback?> ReadAsync(IReadOnlyList<KeyValuePair<string, string?>> fields, CancellationToken cancellationToken)
    {
        var url = fields.LastOrDefault(f => f.Key == WebhookAddressPolicy.CallbackUrlField).Value?.Trim();
        var secret = fields.LastOrDefault(f => f.Key == SecretField).Value;
        if (string.IsNullOrEmpty(url))
        {
            return string.IsNullOrEmpty(secret)
                ? null
                : throw new InvalidOptionsException([new(SecretField, "callback_secret needs a callback_url to sign.")]);
        }

        if (WebhookAddressPolicy.CheckSyntax(url) is { } error)
        {
            throw new InvalidOptionsException([new(WebhookAddressPolicy.CallbackUrlField, $"callback_url: {error}")]);
        }

        if (secret is not null && secret.Length is < WebhookSignature.MinSecretLength or > MaxSecretLength)
        {
            throw new InvalidOptionsException([new(SecretField, $"callback_secret must have {WebhookSignature.MinSecretLength} to {MaxSecretLength} characters.")]);
        }

        await policy.CheckCallbackAsync(url, cancellationToken);
        if (secret is not null)
        {
            return new JobCallback(url, secret, null);
        }

        var generated = WebhookSignature.NewSecret();
        return new JobCallback(url, generated, generated);
    }
}
