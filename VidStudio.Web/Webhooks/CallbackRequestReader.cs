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

    /// <summary>Why <paramref name="secret"/> cannot sign callbacks, or null (no secret is fine: the server makes one).</summary>
    public static string? CheckSecret(string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length is >= WebhookSignature.MinSecretLength and <= MaxSecretLength
            ? null
            : $"callback_secret must have {WebhookSignature.MinSecretLength} to {MaxSecretLength} characters.";

    /// <summary>The callback of an API request's form fields (the last value of each wins, as for the parameters).</summary>
    public Task<JobCallback?> ReadAsync(IReadOnlyList<KeyValuePair<string, string?>> fields, CancellationToken cancellationToken) =>
        ReadAsync(fields.LastOrDefault(f => f.Key == WebhookAddressPolicy.CallbackUrlField).Value, fields.LastOrDefault(f => f.Key == SecretField).Value, cancellationToken);

    /// <summary>The callback of <paramref name="url"/> and <paramref name="secret"/> (the Studio's fields); null when no URL is given.</summary>
    public async Task<JobCallback?> ReadAsync(string? url, string? secret, CancellationToken cancellationToken)
    {
        url = url?.Trim();
        if (string.IsNullOrEmpty(secret))
        {
            // An empty field means "none", as an absent one does (the Studio's cleared box, a form sent with callback_secret=).
            secret = null;
        }

        if (string.IsNullOrEmpty(url))
        {
            return secret is null
                ? null
                : throw new InvalidOptionsException([new(SecretField, "callback_secret needs a callback_url to sign.")]);
        }

        if (WebhookAddressPolicy.CheckSyntax(url) is { } error)
        {
            throw new InvalidOptionsException([new(WebhookAddressPolicy.CallbackUrlField, $"callback_url: {error}")]);
        }

        if (CheckSecret(secret) is { } secretError)
        {
            throw new InvalidOptionsException([new(SecretField, secretError)]);
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
