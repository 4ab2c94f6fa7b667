using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
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
    /// <summary>The customer organization the engagement belongs to; null for engagements made outside the web application.</summary>
    public Guid? OrganizationId { get; set; }
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
public abstract class HypercareDbContext(DbContextOptions options) : IdentityDbContext<HypercareUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The keys that protect session cookies and antiforgery tokens, kept in the database so that every server
    /// replica can read what another issued, and a restart does not sign everyone out.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Organizations: the provider and its customers.</summary>
    public DbSet<Organization> Organizations => Set<Organization>();

    /// <summary>Personal access tokens (hashed).</summary>
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();

    /// <summary>The hash-chained audit trail.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The audit trail's head: the last sequence and hash, so that deleting the newest entries shows.</summary>
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    /// <summary>Engagements.</summary>
    public DbSet<EngagementRecord> Engagements => Set<EngagementRecord>();

    /// <summary>Engagement events.</summary>
    public DbSet<EngagementEventRecord> EngagementEvents => Set<EngagementEventRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<HypercareUser>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(200).IsRequired();
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Organization>(e =>
        {
            e.ToTable("organizations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
            e.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasIndex(x => x.Name).IsUnique();
        });
        builder.Entity<PersonalAccessToken>(e =>
        {
            e.ToTable("access_tokens");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.UserId).HasColumnName("user_id").IsRequired();
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100).IsRequired();
            e.Property(x => x.Prefix).HasColumnName("prefix").HasMaxLength(20).IsRequired();
            e.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(64).IsRequired();
            e.Property(x => x.Scope).HasColumnName("scope").HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasOne<HypercareUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).HasColumnName("sequence").ValueGeneratedNever();
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(300).IsRequired();
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(100).IsRequired();
            e.Property(x => x.Target).HasColumnName("target").HasMaxLength(200).IsRequired();
            e.Property(x => x.Details).HasColumnName("details").IsRequired();
            e.Property(x => x.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64).IsRequired();
            e.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(64).IsRequired();
        });
        builder.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_head");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.Sequence).HasColumnName("sequence").IsConcurrencyToken();
            e.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(64).IsRequired();
        });
        builder.Entity<EngagementRecord>(e =>
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
            e.Property(x => x.OrganizationId).HasColumnName("organization_id");
            e.HasIndex(x => x.State);
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<EngagementEventRecord>(e =>
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
