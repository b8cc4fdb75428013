using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Auth;

/// <summary>Users and their API keys: creation, lists, revocation, and checking a presented key.</summary>
public sealed partial class UserService(IDbContextFactory<VidStudioDbContext> databases, IOptions<VidStudioSettings> settings, TimeProvider clock, ILogger<UserService> logger)
{
    public const int MaxNameLength = UserRecord.MaxNameLength;

    /// <summary>How stale LastUsedAt may get: one write per key per minute, not one per request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly HashSet<string> _configuredKeyHashes = settings.Value.Auth.ApiKeys.Select(ApiKeyText.Hash).ToHashSet(StringComparer.Ordinal);
    private readonly SemaphoreSlim _bootstrapLock = new(1, 1);
    private long? _firstAdminId;

    /// <summary>The key's owner, or null for a key that is unknown, revoked or belongs to nobody any more.</summary>
    public async Task<AuthenticatedKey?> ValidateAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key.Length is < 16 or > 256)
        {
            return null;
        }

        var hash = ApiKeyText.Hash(key);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (_configuredKeyHashes.Contains(hash))
        {
            var admin = await db.Users.AsNoTracking().Where(u => u.Role == UserRole.Admin).OrderBy(u => u.Id).FirstOrDefaultAsync(cancellationToken)
                ?? await CreateFirstAdminAsync(cancellationToken);
            return new AuthenticatedKey(admin.Id, admin.Name, admin.Role, null);
        }

        var record = await db.ApiKeys.AsNoTracking().Include(k => k.User).SingleOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        if (record is not { RevokedAt: null, User: not null })
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (record.LastUsedAt is null || now - record.LastUsedAt > LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new AuthenticatedKey(record.UserId, record.User.Name, record.User.Role, record.Id);
    }

    /// <summary>
    /// Whether a signed-in session (a Studio cookie, or the Studio tab's live circuit opened with it) still stands: its
    /// key is not revoked, its user still exists with the role the session was opened with, and it has not expired. The
    /// local user of a server without authentication has no session to end.
    /// </summary>
    public async Task<bool> SessionStandsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.Identity?.AuthenticationType == AuthSchemes.Local)
        {
            return true;
        }

        if (AuthenticatedKey.FromPrincipal(user) is not { } session || AuthenticatedKey.SessionEnd(user) <= clock.GetUtcNow())
        {
            return false;
        }

        // A key from configuration has no record to revoke: it stands while any is configured.
        var configured = _configuredKeyHashes.Count > 0;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(
            u => u.Id == session.UserId && u.Role == session.Role
                && (session.KeyId == null ? configured : u.Keys.Any(k => k.Id == session.KeyId && k.RevokedAt == null)),
            cancellationToken);
    }

    /// <summary>
    /// Makes sure an admin exists when authentication can be required: the first start creates one, writes a one-time
    /// key to <c>DataDirectory/admin-key.txt</c> (mode 0600) and logs where it is with the key's prefix only.
    /// </summary>
    public async Task EnsureAdminAsync(CancellationToken cancellationToken = default)
    {
        if (_firstAdminId is not null)
        {
            return;
        }

        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            _firstAdminId = await db.Users.Where(u => u.Role == UserRole.Admin).OrderBy(u => u.Id).Select(u => (long?)u.Id).FirstOrDefaultAsync(cancellationToken);
        }

        if (_firstAdminId is null)
        {
            await CreateFirstAdminAsync(cancellationToken);
        }
    }

    public async Task<(UserInfo? User, string? Key, string? Error)> CreateUserAsync(string? name, UserRole role, CancellationToken cancellationToken = default)
    {
        name = name?.Trim();
        if (NameError(name, "A user name") is { } error)
        {
            return (null, null, error);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Name == name, cancellationToken))
        {
            return (null, null, $"There is already a user named '{name}'.");
        }

        var key = ApiKeyText.Generate();
        var user = new UserRecord { Name = name!, Role = role, CreatedAt = clock.GetUtcNow() };
        user.Keys.Add(NewKeyRecord("first key", key));
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return (null, null, $"There is already a user named '{name}'.");
        }

        UserCreated(user.Name, user.Role);
        return (new UserInfo(user.Id, user.Name, user.Role, user.CreatedAt, 1), key, null);
    }

    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => new UserInfo(u.Id, u.Name, u.Role, u.CreatedAt, u.Keys.Count(k => k.RevokedAt == null)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A new key for the user; the returned text is the only time it is seen.</summary>
    public async Task<(string? Key, string? Error)> CreateKeyAsync(long userId, string? name, CancellationToken cancellationToken = default)
    {
        name = string.IsNullOrWhiteSpace(name) ? "key" : name.Trim();
        if (NameError(name, "A key name") is { } error)
        {
            return (null, error);
        }

        var key = ApiKeyText.Generate();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = NewKeyRecord(name, key);
        record.UserId = userId;
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (key, null);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.Id)
            .Select(k => new ApiKeyInfo(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Revokes one of the user's keys (an admin may revoke anyone's); false when there is no such key.</summary>
    public async Task<bool> RevokeKeyAsync(Caller caller, long keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var revoked = await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null && (caller.IsAdmin || k.UserId == caller.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        return revoked > 0;
    }

    private async Task<UserRecord> CreateFirstAdminAsync(CancellationToken cancellationToken)
    {
        await _bootstrapLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var existing = await db.Users.AsNoTracking().Where(u => u.Role == UserRole.Admin).OrderBy(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                _firstAdminId = existing.Id;
                return existing;
            }

            var key = ApiKeyText.Generate();
            var admin = new UserRecord { Name = "admin", Role = UserRole.Admin, CreatedAt = clock.GetUtcNow() };
            admin.Keys.Add(NewKeyRecord("bootstrap key", key));
            db.Users.Add(admin);
            await db.SaveChangesAsync(cancellationToken);
            _firstAdminId = admin.Id;

            var keyFile = Path.Combine(settings.Value.DataPath, "admin-key.txt");
            WriteOwnerOnly(keyFile, key + Environment.NewLine);

            // Only the key's prefix goes to the log: log files and collected container logs are read by more people than
            // the key file, which only this user can read.
            FirstAdminCreated(ApiKeyText.Prefix(key), keyFile);
            return admin;
        }
        finally
        {
            _bootstrapLock.Release();
        }
    }

    /// <summary>Creates the file readable by this user only from its first byte (never world-readable, not even briefly) and renames it into place.</summary>
    private static void WriteOwnerOnly(string path, string text)
    {
        var partial = path + ".part";
        File.Delete(partial);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(partial, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(partial, path, overwrite: true);
    }

    private ApiKeyRecord NewKeyRecord(string name, string key) => new()
    {
        Name = name,
        Prefix = ApiKeyText.Prefix(key),
        Hash = ApiKeyText.Hash(key),
        CreatedAt = clock.GetUtcNow(),
    };

    private static string? NameError(string? name, string what) =>
        string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl)
            ? $"{what} needs 1 to {MaxNameLength} printable characters."
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User} ({Role}) created")]
    private partial void UserCreated(string user, UserRole role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication is on and no admin existed: created user 'admin' with a one-time API key starting {KeyPrefix}, written to {KeyFile} (readable by this user only; store it and delete the file). Sign in to the Studio with it, or send it as X-API-Key.")]
    private partial void FirstAdminCreated(string keyPrefix, string keyFile);
}
