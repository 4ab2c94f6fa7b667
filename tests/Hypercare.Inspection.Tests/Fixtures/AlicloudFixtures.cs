namespace Hypercare.Inspection.Tests.Fixtures;

/// <summary>Alibaba Cloud rules: for each, a configuration that fails it, one that passes it, one it cannot judge, and the failure's message.</summary>
internal static class AlicloudFixtures
{
    public static readonly Dictionary<string, RuleFixture> Cases = new()
    {
        ["HC-ALI-SEC-001"] = new(
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"3300/3310\"\n  cidr_ip = \"0.0.0.0/0\"\n}\n",
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"443/443\"\n  cidr_ip = \"0.0.0.0/0\"\n}\n",
            "variable \"src\" {}\nresource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"22/22\"\n  cidr_ip = var.src\n}\n",
            "ingress tcp 3300/3310 from 0.0.0.0/0 opens MySQL (3306) to the internet"),
        ["HC-ALI-SEC-002"] = new(
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"all\"\n  port_range = \"-1/-1\"\n  ipv6_cidr_ip = \"::/0\"\n}\n",
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"all\"\n  port_range = \"-1/-1\"\n  cidr_ip = \"172.16.0.0/12\"\n}\n",
            null,
            "ingress all -1/-1 from ::/0: every protocol and port is open to the internet"),
        ["HC-ALI-AVL-001"] = new(
            "resource \"alicloud_slb_listener\" \"l\" {\n  protocol = \"http\"\n  frontend_port = 80\n  health_check = \"off\"\n}\n",
            "resource \"alicloud_slb_listener\" \"l\" {\n  protocol = \"http\"\n  frontend_port = 80\n  health_check = \"on\"\n}\n",
            "variable \"hc\" {}\nresource \"alicloud_slb_listener\" \"l\" {\n  health_check = var.hc\n}\n",
            "health_check is \"off\" on the http listener of port 80"),
        ["HC-ALI-AVL-002"] = new(
            "resource \"alicloud_vswitch\" \"a\" {\n  zone_id = \"cn-hangzhou-h\"\n}\nresource \"alicloud_vswitch\" \"b\" {\n  zone_id = \"cn-hangzhou-h\"\n}\nresource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [alicloud_vswitch.a.id, alicloud_vswitch.b.id]\n}\n",
            "resource \"alicloud_vswitch\" \"a\" {\n  zone_id = \"cn-hangzhou-h\"\n}\nresource \"alicloud_vswitch\" \"b\" {\n  zone_id = \"cn-hangzhou-i\"\n}\nresource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [alicloud_vswitch.a.id, alicloud_vswitch.b.id]\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [\"vsw-bp1external\"]\n}\n",
            "all 2 vswitch(es) are in cn-hangzhou-h"),
        ["HC-ALI-AVL-003"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  category = \"Basic\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  category = \"HighAvailability\"\n}\n",
            "variable \"c\" {}\nresource \"alicloud_db_instance\" \"d\" {\n  category = var.c\n}\n",
            "category is \"Basic\": a single node with no standby"),
        ["HC-ALI-CAP-001"] = new(
            "resource \"alicloud_ess_scaling_configuration\" \"c\" {\n  instance_type = \"ecs.t6-c1m2.large\"\n}\n",
            "resource \"alicloud_ess_scaling_configuration\" \"c\" {\n  instance_type = \"ecs.g7.large\"\n}\n",
            "variable \"t\" {}\nresource \"alicloud_instance\" \"i\" {\n  instance_type = var.t\n}\n",
            "instance_type ecs.t6-c1m2.large is burstable"),
        ["HC-ALI-CAP-002"] = new(
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  load_balancer_spec = \"slb.s1.small\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  load_balancer_spec = \"slb.s2.small\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  load_balancer_spec = \"slb.s9.future\"\n}\n",
            "slb.s1.small holds 1,000 QPS (Alibaba Cloud CLB documentation, instance specifications, read 2026-11-26); the peak of 2,000/s with 30% headroom needs 2,600"),
        ["HC-ALI-CAP-003"] = new(
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  max_size = 16\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  max_size = 20\n}\n",
            "variable \"m\" {}\nresource \"alicloud_ess_scaling_group\" \"g\" {\n  max_size = var.m\n}\n",
            "max_size 16 × 150/s = 2,400/s, below the 2,600/s the peak needs with headroom"),
        ["HC-ALI-CAP-004"] = new(
            "resource \"alicloud_eip_address\" \"e\" {\n  bandwidth = \"100\"\n}\n",
            "resource \"alicloud_eip_address\" \"e\" {\n  bandwidth = \"1000\"\n}\n",
            "variable \"b\" {}\nresource \"alicloud_eip_address\" \"e\" {\n  bandwidth = var.b\n}\n",
            "bandwidth 100 Mbit/s is below the peak egress of 800 Mbit/s"),
        ["HC-ALI-EXP-001"] = new(
            "resource \"alicloud_instance\" \"i\" {\n  instance_charge_type = \"PrePaid\"\n  expired_time = \"2027-11-30T16:00Z\"\n}\n",
            "resource \"alicloud_instance\" \"i\" {\n  instance_charge_type = \"PrePaid\"\n  expired_time = \"2028-06-30T16:00Z\"\n}\n",
            "resource \"alicloud_instance\" \"i\" {\n  instance_charge_type = \"PrePaid\"\n  period = 12\n}\n",
            "expires 2027-11-30 16:00 UTC, before the event's end (2027-12-01 05:00 UTC) plus 7 days, without auto-renewal"),
        ["HC-ALI-AVL-004"] = new(
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  zone_id = \"cn-hangzhou-h\"\n}\n",
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  zone_id = \"cn-hangzhou-h\"\n  secondary_zone_id = \"cn-hangzhou-i\"\n}\n",
            "variable \"z\" {}\nresource \"alicloud_kvstore_instance\" \"k\" {\n  secondary_zone_id = var.z\n}\n",
            "no secondary zone: primary and replica both in cn-hangzhou-h"),
        ["HC-ALI-AVL-005"] = new(
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  master_zone_id = \"cn-hangzhou-h\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  master_zone_id = \"cn-hangzhou-h\"\n  slave_zone_id = \"cn-hangzhou-i\"\n}\n",
            "variable \"z\" {}\nresource \"alicloud_slb_load_balancer\" \"lb\" {\n  master_zone_id = \"cn-hangzhou-h\"\n  slave_zone_id = var.z\n}\n",
            "master_zone_id is cn-hangzhou-h and there is no other slave_zone_id"),
        ["HC-ALI-CAP-005"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  instance_storage = 200\n  storage_auto_scale = \"Disable\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  instance_storage = 200\n  storage_auto_scale = \"Enable\"\n}\n",
            "variable \"s\" {}\nresource \"alicloud_db_instance\" \"d\" {\n  storage_auto_scale = var.s\n}\n",
            "storage_auto_scale is \"Disable\" with 200 GB"),
    };
}
