using System.ComponentModel.DataAnnotations;

namespace VidStudio.Web.Configuration;

/// <summary>Validates the bound settings: attributes first, then the checks attributes cannot express.</summary>
public static class SettingsValidation
{
    public static IReadOnlyList<string> Validate(VidStudioSettings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        var failures = results.Select(r => $"VidStudio:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
        var custom = new VidStudioSettingsValidator().Validate(null, settings);
        if (custom.Failed)
        {
            failures.AddRange(custom.Failures);
        }

        return failures;
    }
}
