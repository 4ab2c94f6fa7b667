using Hypercare.Inventory.Terraform;

namespace Hypercare.Inspection.Tests;

/// <summary>Every rule, with a configuration that fails it, one that passes it, and one it cannot judge.</summary>
public sealed class RuleFixtureTests
{
    private static readonly EventTargets Event = new(PeakRate: 2000, Headroom: 0.3, PeakEgressMbps: 800, EventEnd: new DateTimeOffset(2027, 12, 1, 5, 0, 0, TimeSpan.Zero), PerInstanceRate: 150);

    /// <summary>Rule id → (fails, passes, cannot verify or null, the failure's message).</summary>
    public static readonly Dictionary<string, (string Fails, string Passes, string? Unknown, string Message)> Fixtures = new()
    {
        ["HC-ALI-SEC-001"] = (
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"3300/3310\"\n  cidr_ip = \"0.0.0.0/0\"\n}\n",
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"443/443\"\n  cidr_ip = \"0.0.0.0/0\"\n}\n",
            "variable \"src\" {}\nresource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"22/22\"\n  cidr_ip = var.src\n}\n",
            "ingress tcp 3300/3310 from 0.0.0.0/0 opens MySQL (3306) to the internet"),
        ["HC-ALI-SEC-002"] = (
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"all\"\n  port_range = \"-1/-1\"\n  ipv6_cidr_ip = \"::/0\"\n}\n",
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"all\"\n  port_range = \"-1/-1\"\n  cidr_ip = \"172.16.0.0/12\"\n}\n",
            null,
            "ingress all -1/-1 from ::/0: every protocol and port is open to the internet"),
        ["HC-ALI-AVL-001"] = (
            "resource \"alicloud_slb_listener\" \"l\" {\n  protocol = \"http\"\n  frontend_port = 80\n  health_check = \"off\"\n}\n",
            "resource \"alicloud_slb_listener\" \"l\" {\n  protocol = \"http\"\n  frontend_port = 80\n  health_check = \"on\"\n}\n",
            "variable \"hc\" {}\nresource \"alicloud_slb_listener\" \"l\" {\n  health_check = var.hc\n}\n",
            "health_check is \"off\" on the http listener of port 80"),
        ["HC-ALI-AVL-002"] = (
            "resource \"alicloud_vswitch\" \"a\" {\n  zone_id = \"cn-hangzhou-h\"\n}\nresource \"alicloud_vswitch\" \"b\" {\n  zone_id = \"cn-hangzhou-h\"\n}\nresource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [alicloud_vswitch.a.id, alicloud_vswitch.b.id]\n}\n",
            "resource \"alicloud_vswitch\" \"a\" {\n  zone_id = \"cn-hangzhou-h\"\n}\nresource \"alicloud_vswitch\" \"b\" {\n  zone_id = \"cn-hangzhou-i\"\n}\nresource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [alicloud_vswitch.a.id, alicloud_vswitch.b.id]\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [\"vsw-bp1external\"]\n}\n",
            "all 2 vswitch(es) are in cn-hangzhou-h"),
        ["HC-ALI-AVL-003"] = (
            "resource \"alicloud_db_instance\" \"d\" {\n  category = \"Basic\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  category = \"HighAvailability\"\n}\n",
            "variable \"c\" {}\nresource \"alicloud_db_instance\" \"d\" {\n  category = var.c\n}\n",
            "category is \"Basic\": a single node with no standby"),
        ["HC-ALI-CAP-001"] = (
            "resource \"alicloud_ess_scaling_configuration\" \"c\" {\n  instance_type = \"ecs.t6-c1m2.large\"\n}\n",
            "resource \"alicloud_ess_scaling_configuration\" \"c\" {\n  instance_type = \"ecs.g7.large\"\n}\n",
            "variable \"t\" {}\nresource \"alicloud_instance\" \"i\" {\n  instance_type = var.t\n}\n",
            "instance_type ecs.t6-c1m2.large is burstable"),
        ["HC-ALI-CAP-002"] = (
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  load_balancer_spec = \"slb.s1.small\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  load_balancer_spec = \"slb.s2.small\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  load_balancer_spec = \"slb.s9.future\"\n}\n",
            "slb.s1.small holds 1,000 QPS (Alibaba Cloud CLB documentation, instance specifications, read 2026-11-26); the peak of 2,000/s with 30% headroom needs 2,600"),
        ["HC-ALI-CAP-003"] = (
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  max_size = 16\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  max_size = 20\n}\n",
            "variable \"m\" {}\nresource \"alicloud_ess_scaling_group\" \"g\" {\n  max_size = var.m\n}\n",
            "max_size 16 × 150/s = 2,400/s, below the 2,600/s the peak needs with headroom"),
        ["HC-ALI-CAP-004"] = (
            "resource \"alicloud_eip_address\" \"e\" {\n  bandwidth = \"100\"\n}\n",
            "resource \"alicloud_eip_address\" \"e\" {\n  bandwidth = \"1000\"\n}\n",
            "variable \"b\" {}\nresource \"alicloud_eip_address\" \"e\" {\n  bandwidth = var.b\n}\n",
            "bandwidth 100 Mbit/s is below the peak egress of 800 Mbit/s"),
        ["HC-ALI-EXP-001"] = (
            "resource \"alicloud_instance\" \"i\" {\n  instance_charge_type = \"PrePaid\"\n  expired_time = \"2027-11-30T16:00Z\"\n}\n",
            "resource \"alicloud_instance\" \"i\" {\n  instance_charge_type = \"PrePaid\"\n  expired_time = \"2028-06-30T16:00Z\"\n}\n",
            "resource \"alicloud_instance\" \"i\" {\n  instance_charge_type = \"PrePaid\"\n  period = 12\n}\n",
            "expires 2027-11-30 16:00 UTC, before the event's end (2027-12-01 05:00 UTC) plus 7 days, without auto-renewal"),
        ["HC-ALI-AVL-004"] = (
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  zone_id = \"cn-hangzhou-h\"\n}\n",
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  zone_id = \"cn-hangzhou-h\"\n  secondary_zone_id = \"cn-hangzhou-i\"\n}\n",
            "variable \"z\" {}\nresource \"alicloud_kvstore_instance\" \"k\" {\n  secondary_zone_id = var.z\n}\n",
            "no secondary zone: primary and replica both in cn-hangzhou-h"),
        ["HC-ALI-AVL-005"] = (
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  master_zone_id = \"cn-hangzhou-h\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  master_zone_id = \"cn-hangzhou-h\"\n  slave_zone_id = \"cn-hangzhou-i\"\n}\n",
            "variable \"z\" {}\nresource \"alicloud_slb_load_balancer\" \"lb\" {\n  master_zone_id = \"cn-hangzhou-h\"\n  slave_zone_id = var.z\n}\n",
            "master_zone_id is cn-hangzhou-h and there is no other slave_zone_id"),
        ["HC-ALI-CAP-005"] = (
            "resource \"alicloud_db_instance\" \"d\" {\n  instance_storage = 200\n  storage_auto_scale = \"Disable\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  instance_storage = 200\n  storage_auto_scale = \"Enable\"\n}\n",
            "variable \"s\" {}\nresource \"alicloud_db_instance\" \"d\" {\n  storage_auto_scale = var.s\n}\n",
            "storage_auto_scale is \"Disable\" with 200 GB"),
        ["HC-AWS-SEC-001"] = (
            "resource \"aws_security_group\" \"g\" {\n  ingress {\n    from_port = 3389\n    to_port = 3389\n    protocol = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/8\"]\n    ipv6_cidr_blocks = [\"::/0\"]\n  }\n}\n",
            "resource \"aws_security_group\" \"g\" {\n  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
            "variable \"c\" {}\nresource \"aws_security_group\" \"g\" {\n  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = \"tcp\"\n    cidr_blocks = [var.c]\n  }\n}\n",
            "ingress tcp 3389-3389 from ::/0 opens RDP (3389) to the internet"),
        ["HC-AWS-AVL-001"] = (
            "resource \"aws_db_instance\" \"d\" {\n  engine = \"postgres\"\n}\n",
            "resource \"aws_db_instance\" \"d\" {\n  multi_az = true\n}\n",
            "variable \"m\" {}\nresource \"aws_db_instance\" \"d\" {\n  multi_az = var.m\n}\n",
            "multi_az is not set: it defaults to false, a single instance in one zone"),
        ["HC-AWS-AVL-002"] = (
            "resource \"aws_subnet\" \"a\" {\n  availability_zone = \"eu-west-1a\"\n}\nresource \"aws_autoscaling_group\" \"g\" {\n  vpc_zone_identifier = [aws_subnet.a.id]\n}\n",
            "resource \"aws_subnet\" \"a\" {\n  availability_zone = \"eu-west-1a\"\n}\nresource \"aws_subnet\" \"b\" {\n  availability_zone = \"eu-west-1b\"\n}\nresource \"aws_autoscaling_group\" \"g\" {\n  vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.b.id]\n}\n",
            "resource \"aws_autoscaling_group\" \"g\" {\n  vpc_zone_identifier = [\"subnet-0external\"]\n}\n",
            "every subnet is in eu-west-1a"),
        ["HC-K8S-AVL-001"] = (
            "DEP_REQ", "DEP_PROBE_REQ", null, "container web has no readinessProbe"),
        ["HC-K8S-CAP-001"] = (
            "DEP_PROBE", "DEP_PROBE_REQ", null, "container web requests no cpu and no memory"),
        ["HC-K8S-AVL-002"] = (
            "DEP_ONE", "DEP_PROBE_REQ", null, "replicas is 1 and no autoscaler targets it"),
    };

    private static readonly Dictionary<string, string> Manifests = new()
    {
        ["DEP_REQ"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n",
        ["DEP_PROBE"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n",
        ["DEP_PROBE_REQ"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n",
        ["DEP_ONE"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 1\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n",
    };

    private static IReadOnlyList<Finding> Run(string text, Rule rule)
    {
        var graph = Manifests.TryGetValue(text, out var yaml)
            ? Inventory.Kubernetes.ManifestReader.Read("main.tf", yaml)
            : ConfigurationReader.ReadFiles(new Dictionary<string, string> { ["main.tf"] = text });
        Assert.True(graph.Problems.Count == 0, string.Join("\n", graph.Problems.Select(p => p.Message)));
        return Inspector.Run(new InspectionContext(graph, Event), [rule]);
    }

    public static IEnumerable<object[]> RuleIds() => Inspector.Rules.Select(r => new object[] { r.Id });

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRule_FailsItsPositiveFixture_WithItsMessage_AndPassesItsNegative(string id)
    {
        var rule = Inspector.Rules.Single(r => r.Id == id);
        Assert.True(Fixtures.TryGetValue(id, out var fixture), $"{id} has no fixtures");
        var failed = Assert.Single(Run(fixture.Fails, rule));
        Assert.Equal((Outcome.Fail, fixture.Message), (failed.Outcome, failed.Message));
        Assert.Equal("main.tf", failed.Location!.File);
        Assert.True(failed.Location.Line > 0);
        Assert.Empty(Run(fixture.Passes, rule));
        if (fixture.Unknown is { } unknown)
            Assert.All(Run(unknown, rule), f => Assert.Equal(Outcome.CouldNotVerify, f.Outcome));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRule_HasItsMetadata(string id)
    {
        var rule = Inspector.Rules.Single(r => r.Id == id);
        Assert.Matches("^HC-(ALI|AWS|K8S)-(SEC|AVL|CAP|EXP|BAK|OBS)-[0-9]{3}$", rule.Id);
        Assert.False(string.IsNullOrWhiteSpace(rule.Title));
        Assert.True(rule.Rationale.Length > 40, "a rationale says why it matters for the event");
        Assert.True(rule.Remediation.Length > 20, "a remediation says how to fix it");
        Assert.Contains(rule.Provider, new[] { "alicloud", "aws", "kubernetes" });
    }

    [Fact]
    public void WithoutTheEventsNumbers_CapacityRulesCouldNotVerify_NeverPass()
    {
        var graph = ConfigurationReader.ReadFiles(new Dictionary<string, string> { ["main.tf"] = Fixtures["HC-ALI-CAP-002"].Fails + Fixtures["HC-ALI-CAP-003"].Fails });
        var findings = Inspector.Run(new InspectionContext(graph, EventTargets.None));
        Assert.Equal(["HC-ALI-CAP-002", "HC-ALI-CAP-003"], findings.Select(f => f.Rule.Id).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(Outcome.CouldNotVerify, f.Outcome));
    }
}
