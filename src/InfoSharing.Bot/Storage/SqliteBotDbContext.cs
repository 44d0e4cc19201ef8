using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>The embedded default: a SQLite file under the content root. Migrations in Storage/Migrations/Sqlite.</summary>
public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options);
