using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Observability;

/// <summary>A peak resource whose CloudMonitor namespace has no alarm.</summary>
public sealed class NoAlarmForResource() : AlicloudRule("HC-ALI-OBS-001", "No CloudMonitor alarm for a peak resource", Severity.High, Area.Observability,
    "Load balancers, databases and caches saturate first during a peak; with no alarm on them the team learns of it from customers instead of minutes earlier from CloudMonitor.",
    "Add alicloud_cms_alarm resources for the resource's namespace (e.g. project = \"acs_rds_dashboard\" with metric CpuUsage and ConnectionUsage, \"acs_slb_dashboard\" with ActiveConnection and DropConnection, \"acs_kvstore\" with CpuUsage and UsedMemory) and contact groups that reach the on-call team.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/cms_alarm")
{
    private static readonly (string Type, string Project)[] Watched =
        [("alicloud_slb_load_balancer", "acs_slb_dashboard"), ("alicloud_db_instance", "acs_rds_dashboard"), ("alicloud_kvstore_instance", "acs_kvstore"), ("alicloud_polardb_cluster", "acs_polardb")];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var alarms = context.OfType("alicloud_cms_alarm").Select(a => a["project"] ?? a["namespace"]).ToList();
        var unknown = alarms.Any(IsUnknown);
        foreach (var (type, project) in Watched)
        {
            if (alarms.Any(p => p?.AsString == project)) continue;
            foreach (var r in context.OfType(type))
            {
                if (unknown) yield return Unverified(r, $"an alarm's project is unknown here: it may watch {project}");
                else yield return Fail(r, $"no alicloud_cms_alarm watches the {project} namespace");
            }
        }
    }
}

/// <summary>The RDS SQL collector (SQL Explorer) is off.</summary>
public sealed class SqlCollectorOff() : AlicloudRule("HC-ALI-OBS-002", "Database SQL collector off", Severity.Medium, Area.Observability,
    "When the database slows down at the peak the first question is which statements; without the SQL collector there is no record of them to answer it, during the event or after.",
    "Set sql_collector_status = \"Enabled\" and sql_collector_config_value to at least 30 (days).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_instance"))
        {
            var status = r["sql_collector_status"];
            if (IsUnknown(status)) yield return Unverified(r, "sql_collector_status is unknown here", status);
            else if (status?.AsString != "Enabled")
                yield return Fail(r, status?.AsString is { } s ? $"sql_collector_status is \"{s}\"" : "sql_collector_status is not set (Disabled)", status);
        }
    }
}

/// <summary>An ALB without access logs.</summary>
public sealed class AlbWithoutAccessLog() : AlicloudRule("HC-ALI-OBS-003", "ALB without access logs", Severity.Medium, Area.Observability,
    "Access logs show which URLs failed, how slowly and for whom during the peak; without them the post-mortem and the live triage both guess.",
    "Add access_log_config { log_project, log_store } to the alicloud_alb_load_balancer (or an alicloud_alb_load_balancer_access_log_config_attachment) pointing at an SLS logstore.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/alb_load_balancer")
{
    private static readonly string[] Attachments = ["alicloud_alb_load_balancer_access_log_config_attachment"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_alb_load_balancer"))
        {
            var config = r["access_log_config"];
            if (config is { Kind: ValueKind.Map } || config is { Kind: ValueKind.List, Items.Count: > 0 }) continue;
            if (IsUnknown(config)) { yield return Unverified(r, "access_log_config is unknown here", config); continue; }
            var link = ReferencedBy(context, r, Attachments, "load_balancer_id");
            if (link == Link.Unsure) yield return Unverified(r, "an access log attachment's load_balancer_id is unknown here");
            else if (link == Link.None) yield return Fail(r, "no access_log_config and no access log attachment: requests are not logged");
        }
    }
}

/// <summary>The estate has no ActionTrail trail.</summary>
public sealed class NoActionTrail() : AlicloudRule("HC-ALI-OBS-004", "No ActionTrail trail in the estate", Severity.Medium, Area.Observability,
    "Who changed what, and when, is the first thing asked when something breaks during the event; without a trail delivering to OSS or SLS the console and API changes of those days are only kept briefly and hard to search.",
    "Add an alicloud_actiontrail_trail with event_rw = \"All\", status = \"Enable\" and an oss_bucket_name or sls_project_arn to deliver to.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/actiontrail_trail")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var trails = context.OfType("alicloud_actiontrail_trail").Concat(context.OfType("alicloud_actiontrail")).ToList();
        var first = context.Graph.Resources.FirstOrDefault(r => r.Provider == "alicloud" && r.Mode == "managed");
        if (first is null) yield break;
        if (trails.Any(t => t["status"] is null || t["status"]!.AsString == "Enable")) yield break;
        if (trails.FirstOrDefault(t => IsUnknown(t["status"])) is { } unsure) { yield return Unverified(unsure, "the trail's status is unknown here", unsure["status"]); yield break; }
        yield return Fail(trails.FirstOrDefault() ?? first, trails.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"no alicloud_actiontrail_trail among the {context.Graph.Resources.Count(r => r.Provider == "alicloud" && r.Mode == "managed")} Alibaba Cloud resources: changes are not recorded")
            : "every alicloud_actiontrail_trail is disabled: changes are not recorded", trails.FirstOrDefault()?["status"]);
    }
}

/// <summary>Scaling activities of a group are not notified.</summary>
public sealed class ScalingGroupWithoutNotification() : AlicloudRule("HC-ALI-OBS-005", "Scaling group without notifications", Severity.Low, Area.Observability,
    "A scale-out that fails during the peak (no stock, quota reached, bad image) is silent unless someone is told; the tier then runs short while dashboards look calm.",
    "Add an alicloud_ess_notification for the group (notification_types including AUTOSCALING:SCALE_OUT_ERROR) to an MNS topic or CloudMonitor.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_notification")
{
    private static readonly string[] Notifications = ["alicloud_ess_notification"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var link = ReferencedBy(context, r, Notifications, "scaling_group_id");
            if (link == Link.Unsure) yield return Unverified(r, "a notification's scaling_group_id is unknown here");
            else if (link == Link.None) yield return Fail(r, "no alicloud_ess_notification: failed scaling activities go unnoticed");
        }
    }
}

/// <summary>Logs kept for less time than an event's review needs.</summary>
public sealed class ShortLogRetention() : AlicloudRule("HC-ALI-OBS-006", "Log store kept less than 14 days", Severity.Low, Area.Observability,
    "The logs of the peak are the evidence for its review and for disputes about orders; a logstore that drops them within days loses them before anyone looks.",
    "Set retention_period (or ttl) of the alicloud_log_store to at least 14 days, and more across the event.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/log_store")
{
    /// <summary>The shortest retention accepted, in days.</summary>
    public const int MinDays = 14;

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_log_store"))
        {
            var days = r["retention_period"] ?? r["ttl"];
            if (IsUnknown(days)) yield return Unverified(r, "retention_period is unknown here", days);
            else if (NumberOf(days) is { } n && n < MinDays)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"retention_period is {n} days, below {MinDays}"), days);
        }
    }
}

/// <summary>A CloudMonitor alarm is switched off.</summary>
public sealed class AlarmDisabled() : AlicloudRule("HC-ALI-OBS-007", "CloudMonitor alarm disabled", Severity.Medium, Area.Observability,
    "An alarm switched off during some earlier noise stays off; at the peak it is exactly the one that would have fired.",
    "Set enabled = true on the alicloud_cms_alarm (tune its threshold or silence_time instead of disabling it).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/cms_alarm")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_cms_alarm"))
        {
            var enabled = r["enabled"];
            if (IsUnknown(enabled)) yield return Unverified(r, "enabled is unknown here", enabled);
            else if (BoolOf(enabled) == false) yield return Fail(r, $"the alarm on {r["metric"]?.AsString ?? "?"} is disabled (enabled = false)", enabled);
        }
    }
}
