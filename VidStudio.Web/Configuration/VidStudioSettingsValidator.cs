using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using VidStudio.Core.Options;

namespace VidStudio.Web.Configuration;

/// <summary>
/// The settings' attributes, those of the nested sections and what attributes cannot express (paths that must be usable,
/// settings that go together). Webhook endpoints are checked by <c>Webhooks.WebhookSettingsValidator</c>.
/// </summary>
public sealed partial class VidStudioSettingsValidator : IValidateOptions<VidStudioSettings>
{
    public ValidateOptionsResult Validate(string? name, VidStudioSettings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        var failures = results.Select(r => $"VidStudio:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
        var nested = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings.RateLimit, new ValidationContext(settings.RateLimit), nested, validateAllProperties: true))
        {
            failures.AddRange(nested.Select(r => $"VidStudio:RateLimit: {r.ErrorMessage}"));
        }

        nested.Clear();
        if (!Validator.TryValidateObject(settings.Auth, new ValidationContext(settings.Auth), nested, validateAllProperties: true))
        {
            failures.AddRange(nested.Select(r => $"VidStudio:Auth: {r.ErrorMessage}"));
        }

        if (settings.Role != NodeRole.All && settings.Database.Provider != DatabaseProvider.Postgres)
        {
            failures.Add($"VidStudio:Role is {settings.Role.ToString().ToLowerInvariant()}: web and worker nodes share one database, so VidStudio:Database:Provider must be postgres (SQLite is one process's).");
        }

        if (settings.Database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(settings.Database.ConnectionString))
        {
            failures.Add("VidStudio:Database:Provider is postgres: set ConnectionStrings:VidStudio (or VidStudio:Database:ConnectionString).");
        }

        if (settings.Auth.ApiKeys.Any(k => k.Length < 16))
        {
            failures.Add("VidStudio:Auth:ApiKeys: every key must have at least 16 characters.");
        }

        foreach (var proxy in settings.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"VidStudio:KnownProxies: '{proxy}' is not an IP address.");
            }
        }

        // The request defaults obey the same ranges as requests: the parameter table says what they are.
        foreach (var (setting, parameter, value) in new (string, ConversionParameter, int?)[]
        {
            ("DefaultWidth", ConversionParameters.Width, settings.DefaultWidth),
            ("DefaultCrf", ConversionParameters.Crf, settings.DefaultCrf),
            ("DefaultFps", ConversionParameters.Fps, settings.DefaultFps),
        })
        {
            if (parameter.Check(value) is { } error)
            {
                failures.Add($"VidStudio:{setting}: {error}");
            }
        }

        foreach (var (setting, path) in new[] { ("DataDirectory", settings.DataDirectory), ("UploadsDirectory", settings.UploadsDirectory), ("ResultsDirectory", settings.ResultsDirectory) })
        {
            if (path is not null && path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                failures.Add($"VidStudio:{setting} '{path}' is not a valid path.");
            }
        }

        foreach (var origin in settings.CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"VidStudio:CorsOrigins: '{origin}' is not an http(s) origin such as https://example.com.");
            }
        }

        failures.AddRange(StorageFailures(settings));

        if (!File.Exists(settings.MonoFontPath))
        {
            failures.Add($"VidStudio:MonoFontPath: '{settings.MonoFontPath}' does not exist (Debian: apt-get install fonts-dejavu-core).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What the S3 settings need; whether the bucket answers is checked once the server is built (<see cref="Storage.IJobStorage.CheckAsync"/>, from Program).</summary>
    private static IEnumerable<string> StorageFailures(VidStudioSettings settings)
    {
        if (settings.Storage.Provider != StorageProvider.S3)
        {
            yield break;
        }

        var s3 = settings.Storage.S3;
        const string Section = S3StorageSettings.Section;
        if (string.IsNullOrWhiteSpace(s3.Bucket) || !BucketName().IsMatch(s3.Bucket))
        {
            yield return $"{Section}:Bucket: '{s3.Bucket}' is not a bucket name (3–63 lower-case letters, digits, dots and hyphens); it is required with VidStudio:Storage:Provider s3.";
        }

        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl) && (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            yield return $"{Section}:ServiceUrl: '{s3.ServiceUrl}' is not an http(s) URL such as http://minio:9000 (leave it empty for AWS).";
        }

        if (string.IsNullOrWhiteSpace(s3.ServiceUrl) && string.IsNullOrWhiteSpace(s3.Region))
        {
            yield return $"{Section}:Region: AWS needs the bucket's region (e.g. eu-west-1) when no ServiceUrl is set.";
        }

        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
        {
            yield return $"{Section}:AccessKey and {Section}:SecretKey go together: set both, or neither for the SDK's environment or instance credentials.";
        }

        if (!KeyPrefix().IsMatch(s3.Prefix))
        {
            yield return $"{Section}:Prefix: '{s3.Prefix}' may hold only letters, digits and - _ . / (no leading '/', no '..').";
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")]
    private static partial System.Text.RegularExpressions.Regex BucketName();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?!/)(?!.*\.\.)[A-Za-z0-9_.\-/]{0,200}$")]
    private static partial System.Text.RegularExpressions.Regex KeyPrefix();
}
