using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Hosting;

/// <summary>The job table and Hangfire's storage on the configured provider (<see cref="DatabaseSettings"/>).</summary>
public static class DatabaseRegistration
{
    public const string HangfireSchema = "hangfire";

    /// <summary><see cref="IDbContextFactory{VidStudioDbContext}"/> on SQLite (a file under the data folder) or PostgreSQL.</summary>
    public static IServiceCollection AddVidStudioDatabase(this IServiceCollection services, VidStudioSettings settings)
    {
        services.AddSingleton<DatabaseMigrator>();
        if (settings.Database.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresDbContext>(o => o.UseNpgsql(settings.Database.ConnectionString));
            services.AddSingleton<IDbContextFactory<VidStudioDbContext>, PostgresContexts>();
        }
        else
        {
            services.AddDbContextFactory<VidStudioDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(settings.DataPath, "vidstudio.db")}"));
        }

        return services;
    }

    /// <summary>
    /// Hangfire's storage: its own SQLite file (its table names are unprefixed), or the schema <c>hangfire</c> of the
    /// PostgreSQL database. On SQLite a conversion never runs longer than JobTimeout, so a job fetched by a crashed
    /// process becomes visible again soon after that, never while it still runs (and a restart re-queues it at once).
    /// </summary>
    public static IGlobalConfiguration UseVidStudioStorage(this IGlobalConfiguration hangfire, VidStudioSettings settings)
    {
        return settings.Database.Provider == DatabaseProvider.Postgres
            ? hangfire.UsePostgreSqlStorage(
                c => c.UseNpgsqlConnection(settings.Database.ConnectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = HangfireSchema,
                    QueuePollInterval = settings.QueuePollInterval,
                    // A running conversion's lease is renewed by its worker's heartbeat; when the worker dies (SIGKILL,
                    // power loss) the lease runs out and another worker takes the job within WorkerLeaseTimeout.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = settings.WorkerLeaseTimeout,
                    PrepareSchemaIfNecessary = true,
                })
            : hangfire.UseSQLiteStorage(Path.Combine(settings.DataPath, "hangfire.db"), new SQLiteStorageOptions
            {
                QueuePollInterval = settings.QueuePollInterval,
                InvisibilityTimeout = settings.JobTimeout + TimeSpan.FromMinutes(5),
            });
    }

    /// <summary>The services ask for the model's base type; on PostgreSQL they get the context that carries its migrations.</summary>
    private sealed class PostgresContexts(IDbContextFactory<PostgresDbContext> postgres) : IDbContextFactory<VidStudioDbContext>
    {
        public VidStudioDbContext CreateDbContext() => postgres.CreateDbContext();
    }
}
