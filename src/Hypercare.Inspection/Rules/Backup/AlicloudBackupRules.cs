using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Backup;

/// <summary>An RDS instance without a backup policy in the configuration.</summary>
public sealed class DatabaseWithoutBackupPolicy() : AlicloudRule("HC-ALI-BAK-001", "Database without a backup policy", Severity.High, Area.Backup,
    "A bad migration or a runaway job during the event can corrupt orders; without a managed backup policy nobody has checked when the last restorable copy is from or how long it is kept.",
    "Add an alicloud_db_backup_policy with instance_id = the instance's id, backup_retention_period of at least 7 and enable_backup_log = true.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_backup_policy")
{
    private static readonly string[] Policies = ["alicloud_db_backup_policy"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_instance"))
        {
            var link = ReferencedBy(context, r, Policies, "instance_id");
            if (link == Link.Unsure) yield return Unverified(r, "a backup policy's instance_id is unknown here");
            else if (link == Link.None) yield return Fail(r, $"no alicloud_db_backup_policy has {r.Address} as its instance_id");
        }
    }
}

/// <summary>Database backups kept less than a week.</summary>
public sealed class ShortBackupRetention() : AlicloudRule("HC-ALI-BAK-002", "Database backups kept less than 7 days", Severity.Medium, Area.Backup,
    "Data damage done during the event is often noticed days later, when reconciling orders; backups that are gone by then cannot bring the data back.",
    "Set backup_retention_period to at least 7 (days), and longer around the event.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_backup_policy")
{
    /// <summary>The shortest retention accepted, in days.</summary>
    public const int MinDays = 7;

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_backup_policy"))
        {
            var days = r["backup_retention_period"] ?? r["retention_period"];
            if (IsUnknown(days)) yield return Unverified(r, "backup_retention_period is unknown here", days);
            else if (NumberOf(days) is { } n && n < MinDays)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"backup_retention_period is {n} days, below {MinDays}"), days);
        }
    }
}

/// <summary>Database log backups are off.</summary>
public sealed class DatabaseLogBackupOff() : AlicloudRule("HC-ALI-BAK-003", "Database log backup disabled", Severity.High, Area.Backup,
    "Without log backups a restore goes back to the last full backup: every order taken since then — possibly a whole day of the event — is lost (the recovery point is a day, not seconds).",
    "Set enable_backup_log = true (and log_backup_retention_period to match the data backups).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_backup_policy")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_backup_policy"))
        {
            var log = r["enable_backup_log"] ?? r["log_backup"];
            if (IsUnknown(log)) yield return Unverified(r, "enable_backup_log is unknown here", log);
            else if (BoolOf(log) == false) yield return Fail(r, "enable_backup_log is false: a restore loses everything since the last full backup", log);
        }
    }
}

/// <summary>A Redis instance without a backup schedule in the configuration.</summary>
public sealed class CacheWithoutBackupPeriod() : AlicloudRule("HC-ALI-BAK-004", "Redis without a backup schedule", Severity.Low, Area.Backup,
    "Carts, sessions and counters that live only in Redis are lost with the instance; without backup_period the schedule is whatever the console holds and nobody has reviewed it for the event.",
    "Set backup_period (e.g. [\"Monday\", ..., \"Sunday\"]) and backup_time on the alicloud_kvstore_instance.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/kvstore_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_kvstore_instance"))
        {
            var period = r["backup_period"];
            if (IsUnknown(period)) yield return Unverified(r, "backup_period is unknown here", period);
            else if (period is null || period.Kind == ValueKind.List && period.Items.Count == 0)
                yield return Fail(r, "backup_period is not set: no backup schedule is kept in the configuration", period);
        }
    }
}

/// <summary>Redis log backup (point-in-time recovery) off.</summary>
public sealed class CacheLogBackupOff() : AlicloudRule("HC-ALI-BAK-005", "Redis log backup disabled", Severity.Medium, Area.Backup,
    "Without log backups a Redis restore goes back to the last snapshot: carts and counters changed since then, at event rates, are gone.",
    "Set enable_backup_log = 1 on the alicloud_kvstore_instance (data flashback / point-in-time recovery).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/kvstore_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_kvstore_instance"))
        {
            var log = r["enable_backup_log"];
            if (IsUnknown(log)) yield return Unverified(r, "enable_backup_log is unknown here", log);
            else if (NumberOf(log) == 0 || BoolOf(log) == false) yield return Fail(r, $"enable_backup_log is {log}: a restore loses every change since the last snapshot", log);
        }
    }
}

/// <summary>A cloud disk without an automatic snapshot policy.</summary>
public sealed class DiskWithoutSnapshotPolicy() : AlicloudRule("HC-ALI-BAK-006", "Disk without an automatic snapshot policy", Severity.Medium, Area.Backup,
    "A disk that is deleted or damaged during the event — a bad deploy, a full volume — can only be restored from a snapshot, and only automatic snapshots are sure to exist.",
    "Attach an alicloud_ecs_auto_snapshot_policy with alicloud_ecs_auto_snapshot_policy_attachment (disk_id = the disk's id).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ecs_auto_snapshot_policy_attachment")
{
    private static readonly string[] Disks = ["alicloud_ecs_disk", "alicloud_disk"];
    private static readonly string[] Attachments = ["alicloud_ecs_auto_snapshot_policy_attachment", "alicloud_snapshot_policy_attachment"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Disks))
        {
            var link = ReferencedBy(context, r, Attachments, "disk_id");
            if (link == Link.Unsure) yield return Unverified(r, "a snapshot policy attachment's disk_id is unknown here");
            else if (link == Link.None) yield return Fail(r, $"no alicloud_ecs_auto_snapshot_policy_attachment has {r.Address} as its disk_id");
        }
    }
}

/// <summary>An instance's data disks without an automatic snapshot policy.</summary>
public sealed class InstanceDataDiskWithoutSnapshots() : AlicloudRule("HC-ALI-BAK-007", "Instance data disk without an automatic snapshot policy", Severity.Medium, Area.Backup,
    "Data disks declared with the instance hold what the instance writes; without automatic snapshots, damage during the event cannot be rolled back.",
    "Set auto_snapshot_policy_id in each data_disks block to an alicloud_ecs_auto_snapshot_policy's id.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_instance"))
        {
            var disks = r["data_disks"];
            if (disks is not { Kind: ValueKind.List } || disks.Items.Count == 0) continue;
            var missing = disks.Items.Count(d => d["auto_snapshot_policy_id"] is null);
            if (missing > 0)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"{missing} of its {disks.Items.Count} data disk(s) have no auto_snapshot_policy_id"), disks);
            else if (disks.Items.Any(d => IsUnknown(d["auto_snapshot_policy_id"]) && context.Target(d["auto_snapshot_policy_id"]) is null))
                yield return Unverified(r, "the auto_snapshot_policy_id of a data disk is unknown here", disks);
        }
    }
}

/// <summary>An OSS bucket without versioning.</summary>
public sealed class BucketWithoutVersioning() : AlicloudRule("HC-ALI-BAK-008", "OSS bucket without versioning", Severity.Medium, Area.Backup,
    "Images and files the event serves can be overwritten or deleted by a bad release or script; without versioning the previous copy is gone.",
    "Add versioning { status = \"Enabled\" } to the alicloud_oss_bucket (or an alicloud_oss_bucket_versioning resource) with a lifecycle rule that expires old versions.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/oss_bucket")
{
    private static readonly string[] Versioning = ["alicloud_oss_bucket_versioning"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        // Separate versioning resources name their bucket by reference or by its name: look both up once.
        var byName = context.OfType("alicloud_oss_bucket_versioning").Where(v => v["bucket"]?.AsString is not null).ToLookup(v => v["bucket"]!.AsString!, StringComparer.Ordinal);
        foreach (var r in context.OfType("alicloud_oss_bucket"))
        {
            var block = r["versioning"];
            var status = block?.Kind == ValueKind.List ? (block.Items.Count > 0 ? block.Items[0]["status"] : null) : block?["status"];
            if (IsUnknown(block) || IsUnknown(status)) { yield return Unverified(r, "versioning status is unknown here", status ?? block); continue; }
            if (status?.AsString == "Enabled") continue;
            var separate = Referrers(context, r, "alicloud_oss_bucket_versioning", "bucket")
                .Concat(r["bucket"]?.AsString is { } name ? byName[name] : []).Distinct().ToList();
            if (separate.Any(v => v["status"]?.AsString == "Enabled")) continue;
            if (ReferencedBy(context, r, Versioning, "bucket") == Link.Unsure || separate.Any(v => IsUnknown(v["status"]))) yield return Unverified(r, "a versioning resource's bucket or status is unknown here");
            else yield return Fail(r, $"versioning is {(status?.AsString is { } s ? $"\"{s}\"" : "not enabled")}: overwritten or deleted objects cannot be recovered", status ?? block);
        }
    }
}

/// <summary>An RDS instance can be released by one command.</summary>
public sealed class DatabaseWithoutDeletionProtection() : AlicloudRule("HC-ALI-BAK-009", "Database without deletion protection", Severity.Medium, Area.Backup,
    "Changes pile up in the days before an event; a wrong terraform apply or console click that releases the database then loses it at the worst moment.",
    "Set deletion_protection = true on the alicloud_db_instance.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_instance"))
        {
            var protection = r["deletion_protection"];
            if (IsUnknown(protection)) yield return Unverified(r, "deletion_protection is unknown here", protection);
            else if (BoolOf(protection) != true)
                yield return Fail(r, protection is null ? "deletion_protection is not set (off)" : "deletion_protection is false", protection);
        }
    }
}
