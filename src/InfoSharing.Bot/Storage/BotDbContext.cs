using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// The bot's database. One model, two providers: <see cref="SqliteBotDbContext"/> (embedded default) and
/// <see cref="PostgresBotDbContext"/>, each with its own migrations. All times are UTC.
/// </summary>
public abstract class BotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ConversationReferenceRow> ConversationReferences => Set<ConversationReferenceRow>();
    public DbSet<DialogStateRow> DialogStates => Set<DialogStateRow>();
    public DbSet<InfoRequestRow> Requests => Set<InfoRequestRow>();
    public DbSet<ApprovalActionRow> ApprovalActions => Set<ApprovalActionRow>();
    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();
    public DbSet<OutboxMessageRow> Outbox => Set<OutboxMessageRow>();
    public DbSet<ProcessedActivityRow> ProcessedActivities => Set<ProcessedActivityRow>();
    public DbSet<ApproverChannelRow> ApproverChannels => Set<ApproverChannelRow>();
    public DbSet<ReferenceCounterRow> ReferenceCounters => Set<ReferenceCounterRow>();
    public DbSet<ScheduledJobRow> ScheduledJobs => Set<ScheduledJobRow>();
    public DbSet<ApproverCoverRow> ApproverCovers => Set<ApproverCoverRow>();

    /// <summary>
    /// True on PostgreSQL. The type answers it: <c>Database.IsNpgsql()</c> compares provider names through reflection on
    /// every call (0.7% of the bot's CPU in the saturated profile, once per audited turn). Use this, not the extension methods.
    /// </summary>
    public bool IsPostgres => this is PostgresBotDbContext;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<ConversationReferenceRow>(e =>
        {
            e.ToTable("conversation_references");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(600);
            e.HasIndex(x => new { x.UserAadObjectId, x.ConversationType });
        });

        modelBuilder.Entity<DialogStateRow>(e =>
        {
            e.ToTable("dialog_states");
            e.HasKey(x => x.ConversationKey);
            e.Property(x => x.ConversationKey).HasMaxLength(600);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.ExpiresAt);
        });

        modelBuilder.Entity<InfoRequestRow>(e =>
        {
            e.ToTable("requests");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.RequesterAadObjectId, x.SubmittedAt });
            e.HasIndex(x => new { x.Status, x.SubmittedAt });
            e.HasIndex(x => new { x.CreatedAt, x.Reference });
            e.HasIndex(x => x.ReviewDate);
            e.Property(x => x.Reference).HasMaxLength(32);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Status).HasMaxLength(32);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });

        modelBuilder.Entity<ApprovalActionRow>(e =>
        {
            e.ToTable("approval_actions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.RequestId);
        });

        modelBuilder.Entity<AuditEntryRow>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Sequence).IsUnique();
            e.HasIndex(x => new { x.SubjectType, x.SubjectId });
        });

        modelBuilder.Entity<OutboxMessageRow>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.RequestId);
        });

        modelBuilder.Entity<ProcessedActivityRow>(e =>
        {
            e.ToTable("processed_activities");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(800);
            e.HasIndex(x => x.ExpiresAt);
        });

        modelBuilder.Entity<ApproverChannelRow>(e =>
        {
            e.ToTable("approver_channels");
            e.HasKey(x => x.Key);
        });

        modelBuilder.Entity<ReferenceCounterRow>(e =>
        {
            e.ToTable("reference_counters");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.LastNumber).IsConcurrencyToken();
        });

        modelBuilder.Entity<ScheduledJobRow>(e =>
        {
            e.ToTable("scheduled_jobs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Status).HasMaxLength(16);
            e.HasIndex(x => new { x.Status, x.DueAt });
            e.HasIndex(x => new { x.RequestId, x.Kind, x.Sequence }).IsUnique();
        });

        modelBuilder.Entity<ApproverCoverRow>(e =>
        {
            e.ToTable("approver_covers");
            e.HasKey(x => x.Id);
            e.Property(x => x.ApproverAadObjectId).HasMaxLength(100);
            e.Property(x => x.CoverAadObjectId).HasMaxLength(100);
            e.Property(x => x.ApproverName).HasMaxLength(200);
            e.Property(x => x.CoverName).HasMaxLength(200);
            e.HasIndex(x => new { x.ApproverAadObjectId, x.EndedAt });
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
