namespace VidStudio.Web.Configuration;

/// <summary>
/// <c>VidStudio:Database</c>: where the job table and Hangfire's storage live. SQLite files under the data folder by
/// default (one process); PostgreSQL when several nodes share the work.
/// </summary>
public sealed class DatabaseSettings
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The PostgreSQL connection string (<c>Host=db;Database=vidstudio;Username=…;Password=…</c>); by default
    /// <c>ConnectionStrings:VidStudio</c>. Hangfire keeps its tables in the schema <c>hangfire</c> of the same database.
    /// </summary>
    public string? ConnectionString { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public enum NodeRole
{
    All,
    Web,
    Worker,
}
