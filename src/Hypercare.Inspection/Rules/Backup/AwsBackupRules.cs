using System.Globalization;

namespace Hypercare.Inspection.Rules.Backup;

/// <summary>An RDS instance or cluster that keeps its automated backups for less than a week.</summary>
public sealed class AwsDatabaseShortRetention : AwsRule
{
    /// <summary>The fewest days of backups wanted.</summary>
    public const int FewestDays = 7;

    /// <inheritdoc />
    public override string Id => "HC-AWS-BAK-001";
    /// <inheritdoc />
    public override string Title => "RDS backups kept for less than 7 days";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Backup;
    /// <inheritdoc />
    public override string Rationale => "Data damaged by a bad deploy or a runaway job during the event is often noticed days later; with fewer than seven days of automated backups (or none at 0) there is no point in time before the damage to restore to.";
    /// <inheritdoc />
    public override string Remediation => "Set backup_retention_period = 7 or more (up to 35) on the aws_db_instance or aws_rds_cluster.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes("aws_db_instance", "aws_rds_cluster"))
        {
            if (r.Type == "aws_db_instance" && (IsAurora(r) || IsSet(r["replicate_source_db"]))) continue;
            var value = r["backup_retention_period"];
            if (IsUnknown(value)) { yield return Unverified(r, "backup_retention_period is unknown here", value); continue; }
            if (value is null) { yield return Fail(r, "backup_retention_period is not set: it defaults to 1 day", value); continue; }
            if (NumberOf(value) is { } days && days < FewestDays)
                yield return Fail(r, days == 0
                    ? "backup_retention_period is 0: automated backups and point-in-time recovery are off"
                    : string.Create(CultureInfo.InvariantCulture, $"backup_retention_period is {days} day{(days == 1 ? "" : "s")}, fewer than {FewestDays}"), value);
        }
    }
}

/// <summary>An RDS instance or cluster that a single delete call or a replacing apply removes.</summary>
public sealed class AwsDatabaseWithoutDeletionProtection : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-BAK-002";
    /// <inheritdoc />
    public override string Title => "RDS without deletion protection";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Backup;
    /// <inheritdoc />
    public override string Rationale => "The weeks before a launch bring many hurried infrastructure changes; one plan that replaces or destroys the database, applied without a close read, deletes it, and the restore takes hours nobody has during the event.";
    /// <inheritdoc />
    public override string Remediation => "Set deletion_protection = true on the aws_db_instance or aws_rds_cluster (and keep skip_final_snapshot = false).";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes("aws_db_instance", "aws_rds_cluster"))
        {
            if (r.Type == "aws_db_instance" && IsAurora(r)) continue;
            var value = r["deletion_protection"];
            if (IsUnknown(value)) yield return Unverified(r, "deletion_protection is unknown here", value);
            else if (BoolOf(value) != true)
                yield return Fail(r, value is null ? "deletion_protection is not set: it defaults to false, the database can be deleted by one call" : "deletion_protection is false: the database can be deleted by one call", value);
        }
    }
}

/// <summary>A DynamoDB table without point-in-time recovery.</summary>
public sealed class AwsDynamoWithoutPointInTimeRecovery : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-BAK-003";
    /// <inheritdoc />
    public override string Title => "DynamoDB table without point-in-time recovery";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Backup;
    /// <inheritdoc />
    public override string Rationale => "Without point-in-time recovery, items overwritten or deleted by a faulty release during the event can only be restored from an on-demand backup, if someone took one, losing every order written since.";
    /// <inheritdoc />
    public override string Remediation => "Add point_in_time_recovery { enabled = true } to the aws_dynamodb_table.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_dynamodb_table"))
        {
            var block = Block(r, "point_in_time_recovery");
            var enabled = block?["enabled"];
            if (IsUnknown(enabled) || IsUnknown(r["point_in_time_recovery"])) yield return Unverified(r, "point_in_time_recovery.enabled is unknown here", enabled ?? r["point_in_time_recovery"]);
            else if (BoolOf(enabled) != true)
                yield return Fail(r, block is null ? "no point_in_time_recovery block: recovery to a point in time is off" : "point_in_time_recovery.enabled is false: recovery to a point in time is off", enabled);
        }
    }
}

/// <summary>A Redis (or Valkey) cache that takes no automatic snapshots.</summary>
public sealed class AwsCacheWithoutSnapshots : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-BAK-004";
    /// <inheritdoc />
    public override string Title => "ElastiCache without automatic snapshots";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Backup;
    /// <inheritdoc />
    public override string Rationale => "When a cache that holds sessions, carts or queues is lost or flushed by mistake during the event, an empty cache sends every read to the database at the worst moment; a daily snapshot lets it be restored warm.";
    /// <inheritdoc />
    public override string Remediation => "Set snapshot_retention_limit = 1 or more (and a snapshot_window outside the event's busy hours) on the aws_elasticache_replication_group.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/backups-automatic.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes("aws_elasticache_replication_group", "aws_elasticache_cluster"))
        {
            var engine = r["engine"];
            if (r.Type == "aws_elasticache_cluster" && (IsSet(r["replication_group_id"]) || !IsUnknown(engine) && engine?.AsString is not ("redis" or "valkey"))) continue;
            var value = r["snapshot_retention_limit"];
            if (IsUnknown(value)) yield return Unverified(r, "snapshot_retention_limit is unknown here", value);
            else if (r.Type == "aws_elasticache_cluster" && IsUnknown(engine) && NumberOf(value) is null or 0) yield return Unverified(r, "engine is unknown here: cannot tell whether the cluster is Redis or Valkey, which should keep snapshots", engine);
            else if (value is null) yield return Fail(r, "snapshot_retention_limit is not set: it defaults to 0, no automatic snapshots", value);
            else if (NumberOf(value) == 0) yield return Fail(r, "snapshot_retention_limit is 0: no automatic snapshots", value);
        }
    }
}
