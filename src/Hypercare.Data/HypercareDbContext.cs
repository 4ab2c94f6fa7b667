using Microsoft.EntityFrameworkCore;

namespace Hypercare.Data;

/// <summary>An engagement's row: what lists and filters need without replaying events.</summary>
public sealed class EngagementRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }
    /// <summary>Engagement name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Customer organization.</summary>
    public string Customer { get; set; } = "";
    /// <summary>Edition, kebab-case.</summary>
    public string Edition { get; set; } = "";
    /// <summary>Lifecycle state, kebab-case.</summary>
    public string State { get; set; } = "";
    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last change (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Number of stored events; a concurrency token so two writers cannot both append.</summary>
    public int Version { get; set; }
}

/// <summary>One stored event of an engagement.</summary>
public sealed class EngagementEventRecord
{
    /// <summary>Row identifier.</summary>
    public long Id { get; set; }
    /// <summary>The engagement.</summary>
    public Guid EngagementId { get; set; }
    /// <summary>0-based position in the engagement's history; unique per engagement.</summary>
    public int Sequence { get; set; }
    /// <summary>The event type, e.g. <c>state-changed</c>.</summary>
    public string Type { get; set; } = "";
    /// <summary>Who did it.</summary>
    public string By { get; set; } = "";
    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>The event as JSON.</summary>
    public string Payload { get; set; } = "";
}

/// <summary>
/// The database of engagements. Two subclasses carry provider-specific migrations (SQLite and PostgreSQL);
/// the model is the same.
/// </summary>
public abstract class HypercareDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Engagements.</summary>
    public DbSet<EngagementRecord> Engagements => Set<EngagementRecord>();

    /// <summary>Engagement events.</summary>
    public DbSet<EngagementEventRecord> EngagementEvents => Set<EngagementEventRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EngagementRecord>(e =>
        {
            e.ToTable("engagements");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(300).IsRequired();
            e.Property(x => x.Customer).HasColumnName("customer").HasMaxLength(300).IsRequired();
            e.Property(x => x.Edition).HasColumnName("edition").HasMaxLength(20).IsRequired();
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(20).IsRequired();
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            e.HasIndex(x => x.State);
        });
        modelBuilder.Entity<EngagementEventRecord>(e =>
        {
            e.ToTable("engagement_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.EngagementId).HasColumnName("engagement_id");
            e.Property(x => x.Sequence).HasColumnName("sequence");
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(60).IsRequired();
            e.Property(x => x.By).HasColumnName("by").HasMaxLength(300).IsRequired();
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.Payload).HasColumnName("payload").IsRequired();
            e.HasIndex(x => new { x.EngagementId, x.Sequence }).IsUnique();
            e.HasOne<EngagementRecord>().WithMany().HasForeignKey(x => x.EngagementId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>The SQLite flavour (default: a local file in WAL mode).</summary>
public sealed class SqliteHypercareDbContext(DbContextOptions<SqliteHypercareDbContext> options) : HypercareDbContext(options);

/// <summary>The PostgreSQL flavour (scale-out).</summary>
public sealed class PostgresHypercareDbContext(DbContextOptions<PostgresHypercareDbContext> options) : HypercareDbContext(options);
