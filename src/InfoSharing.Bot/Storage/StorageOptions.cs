using System.ComponentModel.DataAnnotations;

namespace InfoSharing.Bot.Storage;

/// <summary>Section <c>Storage</c>: which database, and where.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSQL</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite file, relative to the content root unless absolute.</summary>
    [Required]
    public string SqlitePath { get; set; } = "App_Data/infosharing.db";

    /// <summary>Npgsql connection string, required when <see cref="Provider"/> is PostgreSQL.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// SQLite's <c>synchronous</c> in WAL mode: <c>Normal</c> (default; a commit survives a crash of the process, not of the
    /// OS or the power) or <c>Full</c> (the WAL is synced on every commit: survives power loss, costs an fsync per commit).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>Apply pending migrations at start-up (default on; turn off where a deploy step migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public enum StorageProvider
{
    Sqlite,
    PostgreSQL,
}

public enum SqliteSynchronous
{
    Normal,
    Full,
}
