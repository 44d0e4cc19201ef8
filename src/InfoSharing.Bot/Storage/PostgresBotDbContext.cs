using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>PostgreSQL, selected by configuration. Migrations in Storage/Migrations/Postgres.</summary>
public sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options);
