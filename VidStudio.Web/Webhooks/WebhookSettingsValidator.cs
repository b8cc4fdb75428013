using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Webhooks;

/// <summary>Section <c>VidStudio:Webhooks</c>: its attributes, and endpoints that deliveries can actually be made to.</summary>
public sealed class WebhookSettingsValidator : IValidateOptions<VidStudioSettings>
{
    public ValidateOptionsResult Validate(string? name, VidStudioSettings settings)
    {
        var webhooks = settings.Webhooks;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(webhooks, new ValidationContext(webhooks), results, validateAllProperties: true);
        var failures = results.Select(r => $"VidStudio:Webhooks: {r.ErrorMessage}").ToList();

        foreach (var endpoint in webhooks.Endpoints)
        {
            if (WebhookAddressPolicy.CheckSyntax(endpoint.Url) is { } error)
            {
                failures.Add($"VidStudio:Webhooks:Endpoints: '{endpoint.Url}': {error}");
            }

            if (endpoint.Secret.Length < WebhookSignature.MinSecretLength)
            {
                failures.Add($"VidStudio:Webhooks:Endpoints: the secret of '{endpoint.Url}' must have at least {WebhookSignature.MinSecretLength} characters.");
            }
        }

        // A job has one delivery per endpoint URL (a unique index): a URL listed twice would make every job's deliveries fail.
        foreach (var repeated in webhooks.Endpoints.GroupBy(e => e.Url, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"VidStudio:Webhooks:Endpoints: '{repeated.Key}' is listed {repeated.Count()} times; list each endpoint once.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
