using Microsoft.EntityFrameworkCore;
using VidStudio.Core.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;

namespace VidStudio.Web.WatchFolders;

/// <summary>
/// Who a watch folder's jobs belong to, and the options they start from. The owner is the user named by
/// <c>Owner</c>; without one, the first admin (who sees every job anyway), or nobody while authentication is off and
/// there are no users. The preset is looked up as that owner would (built-in looks and their own saved presets).
/// </summary>
public sealed class WatchFolderOwners(IDbContextFactory<VidStudioDbContext> databases, ConversionRequestResolver requests)
{
    /// <summary>Throws <see cref="InvalidOptionsException"/> when the owner or the preset no longer exists.</summary>
    public async Task<(Caller Owner, ConversionOptions Options)> ResolveAsync(WatchFolder folder, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(folder, cancellationToken)
            ?? throw new InvalidOptionsException([new(folder.SettingName("Owner"), $"There is no user '{folder.Owner}'.")]);
        var fields = folder.Preset is null ? [] : new[] { KeyValuePair.Create(ConversionRequestResolver.PresetField, (string?)folder.Preset) };
        return (owner, await requests.ResolveAsync(fields, owner, cancellationToken));
    }

    /// <summary>Start-up check of what only the database knows, one message per setting at fault (empty when all is well).</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(IEnumerable<WatchFolder> folders, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var folder in folders)
        {
            try
            {
                await ResolveAsync(folder, cancellationToken);
            }
            catch (InvalidOptionsException e)
            {
                var setting = folder.SettingName(e.Errors.Any(error => error.Field == ConversionRequestResolver.PresetField) ? "Preset" : "Owner");
                failures.Add($"{setting}: {e.Message}");
            }
        }

        return failures;
    }

    private async Task<Caller?> OwnerAsync(WatchFolder folder, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        var user = folder.Owner is { } name
            ? await users.SingleOrDefaultAsync(u => u.Name == name, cancellationToken)
            : await users.Where(u => u.Role == UserRole.Admin).OrderBy(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        return user is not null ? new Caller(user.Id, user.Name, user.Role == UserRole.Admin)
            : folder.Owner is null ? Caller.Local
            : null;
    }
}
