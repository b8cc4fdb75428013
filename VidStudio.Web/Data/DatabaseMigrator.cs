using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace VidStudio.Web.Data;

/// <summary>
/// Brings the job table's schema up to date at start-up. On PostgreSQL several nodes may start at the same moment: each
/// takes one advisory lock first, so one migrates while the others wait and then find nothing left to do.
/// </summary>
public sealed partial class DatabaseMigrator(IDbContextFactory<VidStudioDbContext> databases, ILogger<DatabaseMigrator> logger)
{
    // Any constant both nodes agree on; advisory locks are per database.
    private const long MigrationLock = 0x5669645374756469;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // The lock lives in the maintenance database: advisory locks are per database, and ours may not exist yet (the
        // first migration creates it), so every node must lock in the same one.
        var database = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database;
        var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Database = "postgres", Pooling = false };
        await using var lockConnection = new NpgsqlConnection(builder.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            // Creates the database too when it does not exist yet (the role needs CREATEDB for that).
            await db.Database.MigrateAsync(cancellationToken);
            SchemaMigrated(database, (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault());
        }
        finally
        {
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL database {Database}: schema at {Migration}")]
    private partial void SchemaMigrated(string? database, string? migration);
}
