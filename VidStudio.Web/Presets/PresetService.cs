using Microsoft.EntityFrameworkCore;
using VidStudio.Core.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;

namespace VidStudio.Web.Presets;

/// <summary>
/// Built-in looks plus the ones users save; the Studio and the API (<c>preset=NAME</c>) both read them here. A saved
/// preset belongs to the user who saved it and only they see it (presets saved with authentication off belong to nobody
/// and are shared by everyone who works that way).
/// </summary>
public sealed class PresetService(IDbContextFactory<VidStudioDbContext> databases, TimeProvider clock)
{
    public const int MaxNameLength = PresetRecord.MaxNameLength;

    public static IReadOnlyList<Preset> BuiltIn { get; } = [.. BuiltInLooks.All.Select(look => new Preset(look.Name, look.Options, true))];

    public async Task<IReadOnlyList<Preset>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var saved = await OwnedBy(db.Presets, caller).AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. BuiltIn, .. saved.Select(p => new Preset(p.Name, JobOptionsJson.Deserialize(p.OptionsJson), false))];
    }

    public async Task<Preset?> GetAsync(string name, Caller caller, CancellationToken cancellationToken = default)
    {
        var builtIn = BuiltIn.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null)
        {
            return builtIn;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var saved = await OwnedBy(db.Presets, caller).AsNoTracking().SingleOrDefaultAsync(p => p.Name == name.Trim(), cancellationToken);
        return saved is null ? null : new Preset(saved.Name, JobOptionsJson.Deserialize(saved.OptionsJson), false);
    }

    /// <summary>
    /// Saves (or replaces) a preset; returns an error message instead when the name or options are not acceptable, with
    /// <c>Conflict</c> set when a simultaneous save of the same name won.
    /// </summary>
    public async Task<(Preset? Preset, string? Error, bool Conflict)> SaveAsync(string? name, ConversionOptions options, Caller caller, CancellationToken cancellationToken = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return (null, $"A preset name needs 1 to {MaxNameLength} printable characters.", false);
        }

        if (BuiltIn.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, $"'{name}' is a built-in preset; save under another name.", false);
        }

        var errors = options.Validate();
        if (errors.Count > 0)
        {
            return (null, string.Join(" ", errors.Select(e => e.Message)), false);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await OwnedBy(db.Presets, caller).SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (record is null)
        {
            record = new PresetRecord { Name = name, OwnerId = caller.UserId, OptionsJson = "", CreatedAt = clock.GetUtcNow() };
            db.Presets.Add(record);
        }

        record.OptionsJson = JobOptionsJson.Serialize(options);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request saved the same name at the same moment: the unique index refused the second one.
            return (null, $"A preset named '{name}' was saved at the same moment; save again to replace it.", true);
        }

        return (new Preset(record.Name, options, false), null, false);
    }

    /// <summary>Deletes a saved preset; false when there is none of that name (built-ins cannot be deleted).</summary>
    public async Task<bool> DeleteAsync(string name, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await OwnedBy(db.Presets, caller).Where(p => p.Name == name.Trim()).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static IQueryable<PresetRecord> OwnedBy(IQueryable<PresetRecord> presets, Caller caller) =>
        presets.Where(p => p.OwnerId == caller.UserId);
}
