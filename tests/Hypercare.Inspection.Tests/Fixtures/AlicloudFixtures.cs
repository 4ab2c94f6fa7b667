using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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
        ["HC-ALI-SEC-003"] = new(
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"1000/2000\"\n  cidr_ip = \"0.0.0.0/0\"\n}\n",
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"443/443\"\n  cidr_ip = \"0.0.0.0/0\"\n}\n",
            "variable \"p\" {}\nresource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = var.p\n  cidr_ip = \"0.0.0.0/0\"\n}\n",
            "port_range 1000/2000 opens 1001 ports to 0.0.0.0/0"),
        ["HC-ALI-SEC-004"] = new(
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"80/80\"\n  cidr_ip = \"0.0.0.0/0\"\n  nic_type = \"internet\"\n}\n",
            "resource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"80/80\"\n  cidr_ip = \"0.0.0.0/0\"\n  nic_type = \"intranet\"\n}\n",
            "variable \"n\" {}\nresource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"80/80\"\n  cidr_ip = \"0.0.0.0/0\"\n  nic_type = var.n\n}\n",
            "nic_type is \"internet\": port 80/80 of the classic network's public interface is open to 0.0.0.0/0"),
        ["HC-ALI-SEC-005"] = new(
            "resource \"alicloud_security_group\" \"x\" {\n  inner_access_policy = \"Accept\"\n}\n",
            "resource \"alicloud_security_group\" \"x\" {\n  inner_access_policy = \"Drop\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_security_group\" \"x\" {\n  inner_access_policy = var.v\n}\n",
            "inner_access_policy is \"Accept\": members reach each other on every port"),
        ["HC-ALI-SEC-006"] = new(
            "resource \"alicloud_db_instance\" \"x\" {\n  security_ips = [\"10.0.0.0/8\", \"0.0.0.0/0\"]\n}\n",
            "resource \"alicloud_db_instance\" \"x\" {\n  security_ips = [\"10.0.0.0/8\"]\n}\n",
            "variable \"v\" {}\nresource \"alicloud_db_instance\" \"x\" {\n  security_ips = var.v\n}\n",
            "security_ips contains 0.0.0.0/0: any address may connect"),
        ["HC-ALI-SEC-007"] = new(
            "resource \"alicloud_oss_bucket\" \"x\" {\n  acl = \"public-read\"\n}\n",
            "resource \"alicloud_oss_bucket\" \"x\" {\n  acl = \"private\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_oss_bucket\" \"x\" {\n  acl = var.v\n}\n",
            "acl is \"public-read\""),
        ["HC-ALI-SEC-008"] = new(
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  address_type = \"internet\"\n}\nresource \"alicloud_slb_listener\" \"http\" {\n  load_balancer_id = alicloud_slb_load_balancer.lb.id\n  protocol = \"http\"\n  frontend_port = 80\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  address_type = \"internet\"\n}\nresource \"alicloud_slb_listener\" \"http\" {\n  load_balancer_id = alicloud_slb_load_balancer.lb.id\n  protocol = \"http\"\n  frontend_port = 80\n}\nresource \"alicloud_slb_listener\" \"https\" {\n  load_balancer_id = alicloud_slb_load_balancer.lb.id\n  protocol = \"https\"\n  frontend_port = 443\n}\n",
            "variable \"t\" {}\nresource \"alicloud_slb_load_balancer\" \"lb\" {\n  address_type = var.t\n}\nresource \"alicloud_slb_listener\" \"http\" {\n  load_balancer_id = alicloud_slb_load_balancer.lb.id\n  protocol = \"http\"\n  frontend_port = 80\n}\n",
            "internet-facing with an HTTP listener on port 80 and no HTTPS listener"),
        ["HC-ALI-SEC-009"] = new(
            "resource \"alicloud_slb_listener\" \"x\" {\n  protocol = \"https\"\n  tls_cipher_policy = \"tls_cipher_policy_1_0\"\n}\n",
            "resource \"alicloud_slb_listener\" \"x\" {\n  protocol = \"https\"\n  tls_cipher_policy = \"tls_cipher_policy_1_2\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_slb_listener\" \"x\" {\n  protocol = \"https\"\n  tls_cipher_policy = var.v\n}\n",
            "tls_cipher_policy is \"tls_cipher_policy_1_0\": TLS versions before 1.2 are accepted"),
        ["HC-ALI-SEC-010"] = new(
            "resource \"alicloud_kvstore_instance\" \"x\" {\n  vpc_auth_mode = \"Close\"\n}\n",
            "resource \"alicloud_kvstore_instance\" \"x\" {\n  vpc_auth_mode = \"Open\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_kvstore_instance\" \"x\" {\n  vpc_auth_mode = var.v\n}\n",
            "vpc_auth_mode is \"Close\": clients in the VPC connect without a password"),
        ["HC-ALI-SEC-011"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  ssl_action = \"Open\"\n}\n",
            "variable \"s\" {}\nresource \"alicloud_db_instance\" \"d\" {\n  ssl_action = var.s\n}\n",
            "ssl_action is not set: connections are not encrypted"),
        ["HC-ALI-SEC-012"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\nresource \"alicloud_db_connection\" \"c\" {\n  instance_id = alicloud_db_instance.d.id\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\n",
            null,
            "alicloud_db_instance.d has a public connection string"),
        ["HC-ALI-AVL-006"] = new(
            "resource \"alicloud_db_instance\" \"x\" {\n  category = \"HighAvailability\"\n  zone_id = \"cn-hangzhou-h\"\n  zone_id_slave_a = \"cn-hangzhou-h\"\n}\n",
            "resource \"alicloud_db_instance\" \"x\" {\n  category = \"HighAvailability\"\n  zone_id = \"cn-hangzhou-h\"\n  zone_id_slave_a = \"cn-hangzhou-i\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_db_instance\" \"x\" {\n  category = \"HighAvailability\"\n  zone_id = \"cn-hangzhou-h\"\n  zone_id_slave_a = var.v\n}\n",
            "zone_id_slave_a is cn-hangzhou-h, the primary's zone"),
        ["HC-ALI-AVL-007"] = new(
            "resource \"alicloud_alb_server_group\" \"g\" {\n  health_check_config {\n    health_check_enabled = false\n  }\n}\n",
            "resource \"alicloud_alb_server_group\" \"g\" {\n  health_check_config {\n    health_check_enabled = true\n  }\n}\n",
            "variable \"e\" {}\nresource \"alicloud_alb_server_group\" \"g\" {\n  health_check_config {\n    health_check_enabled = var.e\n  }\n}\n",
            "health_check_enabled is false"),
        ["HC-ALI-AVL-008"] = new(
            "resource \"alicloud_ess_scaling_group\" \"x\" {\n  min_size = 1\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"x\" {\n  min_size = 2\n}\n",
            "variable \"v\" {}\nresource \"alicloud_ess_scaling_group\" \"x\" {\n  min_size = var.v\n}\n",
            "min_size is 1: the group may run a single instance"),
        ["HC-ALI-AVL-009"] = new(
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  min_size = 2\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  loadbalancer_ids = [\"lb-bp1example\"]\n}\n",
            "variable \"l\" {}\nresource \"alicloud_ess_scaling_group\" \"g\" {\n  loadbalancer_ids = var.l\n}\n",
            "no loadbalancer_ids, ALB server group or attachment: launched instances take no traffic"),
        ["HC-ALI-AVL-010"] = new(
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [\"vsw-a\", \"vsw-b\"]\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [\"vsw-a\", \"vsw-b\"]\n  multi_az_policy = \"BALANCE\"\n}\n",
            "variable \"p\" {}\nresource \"alicloud_ess_scaling_group\" \"g\" {\n  vswitch_ids = [\"vsw-a\", \"vsw-b\"]\n  multi_az_policy = var.p\n}\n",
            "2 vswitches and multi_az_policy not set (PRIORITY): instances are not spread evenly"),
        ["HC-ALI-AVL-011"] = new(
            "resource \"alicloud_slb_listener\" \"l\" {\n  health_check_interval = 10\n  unhealthy_threshold = 5\n}\n",
            "resource \"alicloud_slb_listener\" \"l\" {\n  health_check_interval = 2\n  unhealthy_threshold = 3\n}\n",
            "variable \"i\" {}\nresource \"alicloud_slb_listener\" \"l\" {\n  health_check_interval = var.i\n}\n",
            "health_check_interval 10 s × unhealthy_threshold 5 = 50 s to detect a failed backend, above 30 s"),
        ["HC-ALI-AVL-012"] = new(
            "resource \"alicloud_instance\" \"web1\" {\n  availability_zone = \"cn-hangzhou-h\"\n}\nresource \"alicloud_instance\" \"web2\" {\n  availability_zone = \"cn-hangzhou-h\"\n}\n",
            "resource \"alicloud_instance\" \"web1\" {\n  availability_zone = \"cn-hangzhou-h\"\n}\nresource \"alicloud_instance\" \"web2\" {\n  availability_zone = \"cn-hangzhou-i\"\n}\n",
            "variable \"z\" {}\nresource \"alicloud_instance\" \"web1\" {\n  availability_zone = var.z\n}\nresource \"alicloud_instance\" \"web2\" {\n  availability_zone = \"cn-hangzhou-h\"\n}\n",
            "all 2 instances named web* are in cn-hangzhou-h"),
        ["HC-ALI-AVL-013"] = new(
            "resource \"alicloud_polardb_cluster\" \"x\" {\n  db_node_count = 1\n}\n",
            "resource \"alicloud_polardb_cluster\" \"x\" {\n  db_node_count = 2\n}\n",
            "variable \"v\" {}\nresource \"alicloud_polardb_cluster\" \"x\" {\n  db_node_count = var.v\n}\n",
            "db_node_count is 1: no node to fail over to"),
        ["HC-ALI-AVL-014"] = new(
            "resource \"alicloud_kvstore_instance\" \"x\" {\n  node_type = \"STAND_ALONE\"\n}\n",
            "resource \"alicloud_kvstore_instance\" \"x\" {\n  node_type = \"MASTER_SLAVE\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_kvstore_instance\" \"x\" {\n  node_type = var.v\n}\n",
            "node_type is \"STAND_ALONE\": one node, no replica"),
        ["HC-ALI-AVL-015"] = new(
            "resource \"alicloud_ess_scaling_group\" \"x\" {\n  health_check_type = \"NONE\"\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"x\" {\n  health_check_type = \"ECS\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_ess_scaling_group\" \"x\" {\n  health_check_type = var.v\n}\n",
            "health_check_type is \"NONE\": unhealthy instances are not replaced"),
        ["HC-ALI-CAP-006"] = new(
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = \"redis.logic.splitrw.small.1db.1rodb.4proxy.default\"\n  tags = { \"hypercare:cache-ops-per-request\" = \"100\" }\n}\n",
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = \"redis.logic.splitrw.small.1db.1rodb.4proxy.default\"\n}\n",
            "variable \"c\" {}\nresource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = var.c\n}\n",
            "redis.logic.splitrw.small.1db.1rodb.4proxy.default holds about 200,000 QPS (Alibaba Cloud Redis documentation, read/write splitting 1 GB with 1 read replica, read 2026-11-26); assuming 100 cache operations per request, the peak of 2,000/s with 30% headroom needs 260,000"),
        ["HC-ALI-CAP-007"] = new(
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = \"redis.master.small.default\"\n}\n",
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = \"redis.master.small.default\"\n  bandwidth = 1024\n}\n",
            "variable \"c\" {}\nresource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = var.c\n}\n",
            "redis.master.small.default (Alibaba Cloud Redis documentation (older), per-shard bandwidth of 1 GB and smaller, read 2026-11-26): 48 Mbit/s, below the peak egress of 800 Mbit/s"),
        ["HC-ALI-CAP-008"] = new(
            "resource \"alicloud_nat_gateway\" \"x\" {\n  specification = \"Small\"\n}\n",
            "resource \"alicloud_nat_gateway\" \"x\" {\n  specification = \"Large\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_nat_gateway\" \"x\" {\n  specification = var.v\n}\n",
            "specification Small allows 10,000 connections (Alibaba Cloud NAT Gateway documentation, legacy specifications, read 2026-11-26); if each of the 20,000 concurrent users holds one outbound connection, the peak with 30% headroom needs 26,000"),
        ["HC-ALI-CAP-009"] = new(
            "resource \"alicloud_slb_load_balancer\" \"x\" {\n  load_balancer_spec = \"slb.s1.small\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"x\" {\n  load_balancer_spec = \"slb.s3.small\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_slb_load_balancer\" \"x\" {\n  load_balancer_spec = var.v\n}\n",
            "slb.s1.small allows 5,000 max connections against 26,000 concurrent connections at the peak with 30% headroom (Alibaba Cloud CLB documentation, instance specifications, read 2026-11-26)"),
        ["HC-ALI-CAP-010"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\nresource \"alicloud_db_readonly_instance\" \"ro\" {\n  master_db_instance_id = alicloud_db_instance.d.id\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\nvariable \"m\" {}\nresource \"alicloud_db_readonly_instance\" \"ro\" {\n  master_db_instance_id = var.m\n}\n",
            "no alicloud_db_readonly_instance has alicloud_db_instance.d as its master_db_instance_id: every read goes to the primary"),
        ["HC-ALI-CAP-011"] = new(
            "resource \"alicloud_ess_scaling_group\" \"x\" {\n  min_size = 4\n  max_size = 4\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"x\" {\n  min_size = 4\n  max_size = 8\n}\n",
            "variable \"v\" {}\nresource \"alicloud_ess_scaling_group\" \"x\" {\n  min_size = 4\n  max_size = var.v\n}\n",
            "min_size and max_size are both 4: the group cannot grow"),
        ["HC-ALI-CAP-012"] = new(
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  min_size = 2\n}\nresource \"alicloud_ess_scaling_rule\" \"out\" {\n  scaling_group_id = alicloud_ess_scaling_group.g.id\n  adjustment_type = \"QuantityChangeInCapacity\"\n  adjustment_value = 2\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  min_size = 2\n}\nresource \"alicloud_ess_scaling_rule\" \"out\" {\n  scaling_group_id = alicloud_ess_scaling_group.g.id\n  adjustment_type = \"QuantityChangeInCapacity\"\n  adjustment_value = 2\n}\nresource \"alicloud_ess_alarm\" \"cpu\" {\n  scaling_group_id = alicloud_ess_scaling_group.g.id\n  metric_name = \"CpuUtilization\"\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  min_size = 2\n}\nresource \"alicloud_ess_scaling_rule\" \"out\" {\n  scaling_group_id = alicloud_ess_scaling_group.g.id\n  adjustment_type = \"QuantityChangeInCapacity\"\n  adjustment_value = 2\n}\nvariable \"g\" {}\nresource \"alicloud_ess_alarm\" \"cpu\" {\n  scaling_group_id = var.g\n}\n",
            "1 simple scaling rule(s) and no alicloud_ess_alarm, scheduled task or target-tracking rule: the group never scales by itself"),
        ["HC-ALI-CAP-018"] = new(
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  internet_charge_type = \"PayByTraffic\"\n}\nresource \"alicloud_slb_listener\" \"http\" {\n  load_balancer_id = alicloud_slb_load_balancer.lb.id\n  frontend_port = 80\n  bandwidth = 200\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  internet_charge_type = \"PayByBandwidth\"\n  bandwidth = 1000\n}\nresource \"alicloud_slb_listener\" \"http\" {\n  load_balancer_id = alicloud_slb_load_balancer.lb.id\n  frontend_port = 80\n  bandwidth = -1\n}\nresource \"alicloud_slb_load_balancer\" \"inner\" {\n  address_type = \"intranet\"\n  internet_charge_type = \"PayByBandwidth\"\n  bandwidth = 10\n}\n",
            "variable \"b\" {}\nresource \"alicloud_slb_load_balancer\" \"lb\" {\n  internet_charge_type = \"PayByBandwidth\"\n  bandwidth = var.b\n}\n",
            "the listener of port 80 caps bandwidth at 200 Mbit/s, below the peak egress of 800 Mbit/s"),
        ["HC-ALI-CAP-013"] = new(
            "resource \"alicloud_instance\" \"x\" {\n  internet_max_bandwidth_out = 100\n}\n",
            "resource \"alicloud_instance\" \"x\" {\n  internet_max_bandwidth_out = 0\n}\nresource \"alicloud_instance\" \"shop_bastion\" {\n  internet_max_bandwidth_out = 5\n}\nresource \"alicloud_instance\" \"y\" {\n  internet_max_bandwidth_out = 5\n  tags = { role = \"jump-host\" }\n}\n",
            "variable \"v\" {}\nresource \"alicloud_instance\" \"x\" {\n  internet_max_bandwidth_out = var.v\n}\n",
            "internet_max_bandwidth_out is 100 Mbit/s, below the peak egress of 800 Mbit/s"),
        ["HC-ALI-CAP-014"] = new(
            "resource \"alicloud_instance\" \"x\" {\n  instance_type = \"ecs.n4.large\"\n}\n",
            "resource \"alicloud_instance\" \"x\" {\n  instance_type = \"ecs.g7.large\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_instance\" \"x\" {\n  instance_type = var.v\n}\n",
            "instance_type ecs.n4.large is of the old ecs.n4 family"),
        ["HC-ALI-CAP-015"] = new(
            "resource \"alicloud_instance\" \"x\" {\n  system_disk_category = \"cloud\"\n}\n",
            "resource \"alicloud_instance\" \"x\" {\n  system_disk_category = \"cloud_essd\"\n}\n",
            "variable \"v\" {}\nresource \"alicloud_instance\" \"x\" {\n  system_disk_category = var.v\n}\n",
            "system_disk_category is \"cloud\", the basic disk category"),
        ["HC-ALI-CAP-016"] = new(
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  address_type = \"internet\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"lb\" {\n  instance_charge_type = \"PayByCLCU\"\n}\n",
            "variable \"c\" {}\nresource \"alicloud_slb_load_balancer\" \"lb\" {\n  instance_charge_type = var.c\n}\n",
            "no load_balancer_spec with instance_charge_type not set (PayBySpec): a shared-performance instance"),
        ["HC-ALI-CAP-017"] = new(
            "resource \"alicloud_ess_scaling_configuration\" \"c\" {\n  instance_type = \"ecs.g7.large\"\n}\n",
            "resource \"alicloud_ess_scaling_configuration\" \"c\" {\n  instance_types = [\"ecs.g7.large\", \"ecs.g8i.large\"]\n}\n",
            "variable \"t\" {}\nresource \"alicloud_ess_scaling_configuration\" \"c\" {\n  instance_types = var.t\n}\n",
            "a single instance type (ecs.g7.large): no fallback when it is out of stock"),
        ["HC-ALI-EXP-002"] = new(
            "resource \"alicloud_db_instance\" \"x\" {\n  instance_charge_type = \"Prepaid\"\n  expire_time = \"2027-11-30T16:00Z\"\n}\n",
            "resource \"alicloud_db_instance\" \"x\" {\n  instance_charge_type = \"Prepaid\"\n  expire_time = \"2027-11-30T16:00Z\"\n  auto_renew = true\n}\n",
            "variable \"c\" {}\nresource \"alicloud_db_instance\" \"x\" {\n  instance_charge_type = var.c\n}\n",
            "expires 2027-11-30 16:00 UTC, before the event's end (2027-12-01 05:00 UTC) plus 7 days, without auto-renewal"),
        ["HC-ALI-EXP-003"] = new(
            "resource \"alicloud_kvstore_instance\" \"x\" {\n  payment_type = \"PrePaid\"\n  end_time = \"2027-11-30T16:00Z\"\n}\n",
            "resource \"alicloud_kvstore_instance\" \"x\" {\n  payment_type = \"PrePaid\"\n  end_time = \"2027-11-30T16:00Z\"\n  auto_renew = true\n}\n",
            "variable \"c\" {}\nresource \"alicloud_kvstore_instance\" \"x\" {\n  payment_type = var.c\n}\n",
            "expires 2027-11-30 16:00 UTC, before the event's end (2027-12-01 05:00 UTC) plus 7 days, without auto-renewal"),
        ["HC-ALI-EXP-004"] = new(
            "resource \"alicloud_eip_address\" \"x\" {\n  payment_type = \"Subscription\"\n  expired_time = \"2027-11-30T16:00Z\"\n}\n",
            "resource \"alicloud_eip_address\" \"x\" {\n  payment_type = \"Subscription\"\n  expired_time = \"2027-11-30T16:00Z\"\n  auto_renew = true\n}\n",
            "variable \"c\" {}\nresource \"alicloud_eip_address\" \"x\" {\n  payment_type = var.c\n}\n",
            "expires 2027-11-30 16:00 UTC, before the event's end (2027-12-01 05:00 UTC) plus 7 days, without auto-renewal"),
        ["HC-ALI-EXP-005"] = new(
            "resource \"alicloud_slb_load_balancer\" \"x\" {\n  payment_type = \"Subscription\"\n  end_time = \"2027-11-30T16:00Z\"\n}\n",
            "resource \"alicloud_slb_load_balancer\" \"x\" {\n  payment_type = \"Subscription\"\n  end_time = \"2027-11-30T16:00Z\"\n  auto_renew = true\n}\n",
            "variable \"c\" {}\nresource \"alicloud_slb_load_balancer\" \"x\" {\n  payment_type = var.c\n}\n",
            "expires 2027-11-30 16:00 UTC, before the event's end (2027-12-01 05:00 UTC) plus 7 days, without auto-renewal"),
        ["HC-ALI-EXP-006"] = new(
            "resource \"alicloud_nat_gateway\" \"x\" {\n  payment_type = \"Subscription\"\n  expired_time = \"2027-11-30T16:00Z\"\n}\n",
            "resource \"alicloud_nat_gateway\" \"x\" {\n  payment_type = \"Subscription\"\n  expired_time = \"2027-11-30T16:00Z\"\n  auto_renew = true\n}\n",
            "variable \"c\" {}\nresource \"alicloud_nat_gateway\" \"x\" {\n  payment_type = var.c\n}\n",
            "expires 2027-11-30 16:00 UTC, before the event's end (2027-12-01 05:00 UTC) plus 7 days, without auto-renewal"),
        ["HC-ALI-BAK-001"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\nresource \"alicloud_db_backup_policy\" \"p\" {\n  instance_id = alicloud_db_instance.d.id\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\nvariable \"i\" {}\nresource \"alicloud_db_backup_policy\" \"p\" {\n  instance_id = var.i\n}\n",
            "no alicloud_db_backup_policy has alicloud_db_instance.d as its instance_id"),
        ["HC-ALI-BAK-002"] = new(
            "resource \"alicloud_db_backup_policy\" \"x\" {\n  backup_retention_period = 3\n}\n",
            "resource \"alicloud_db_backup_policy\" \"x\" {\n  backup_retention_period = 7\n}\n",
            "variable \"v\" {}\nresource \"alicloud_db_backup_policy\" \"x\" {\n  backup_retention_period = var.v\n}\n",
            "backup_retention_period is 3 days, below 7"),
        ["HC-ALI-BAK-003"] = new(
            "resource \"alicloud_db_backup_policy\" \"x\" {\n  enable_backup_log = false\n}\n",
            "resource \"alicloud_db_backup_policy\" \"x\" {\n  enable_backup_log = true\n}\n",
            "variable \"v\" {}\nresource \"alicloud_db_backup_policy\" \"x\" {\n  enable_backup_log = var.v\n}\n",
            "enable_backup_log is false: a restore loses everything since the last full backup"),
        ["HC-ALI-BAK-004"] = new(
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = \"redis.master.small.default\"\n}\n",
            "resource \"alicloud_kvstore_instance\" \"k\" {\n  backup_period = [\"Monday\", \"Thursday\"]\n}\n",
            "variable \"b\" {}\nresource \"alicloud_kvstore_instance\" \"k\" {\n  backup_period = var.b\n}\n",
            "backup_period is not set: no backup schedule is kept in the configuration"),
        ["HC-ALI-BAK-005"] = new(
            "resource \"alicloud_kvstore_instance\" \"x\" {\n  enable_backup_log = 0\n}\n",
            "resource \"alicloud_kvstore_instance\" \"x\" {\n  enable_backup_log = 1\n}\n",
            "variable \"v\" {}\nresource \"alicloud_kvstore_instance\" \"x\" {\n  enable_backup_log = var.v\n}\n",
            "enable_backup_log is 0: a restore loses every change since the last snapshot"),
        ["HC-ALI-BAK-006"] = new(
            "resource \"alicloud_ecs_disk\" \"d\" {\n  size = 100\n}\n",
            "resource \"alicloud_ecs_disk\" \"d\" {\n  size = 100\n}\nresource \"alicloud_ecs_auto_snapshot_policy_attachment\" \"a\" {\n  disk_id = alicloud_ecs_disk.d.id\n  auto_snapshot_policy_id = \"sp-bp1example\"\n}\n",
            "resource \"alicloud_ecs_disk\" \"d\" {\n  size = 100\n}\nvariable \"d\" {}\nresource \"alicloud_ecs_auto_snapshot_policy_attachment\" \"a\" {\n  disk_id = var.d\n}\n",
            "no alicloud_ecs_auto_snapshot_policy_attachment has alicloud_ecs_disk.d as its disk_id"),
        ["HC-ALI-BAK-007"] = new(
            "resource \"alicloud_instance\" \"i\" {\n  data_disks {\n    size = 100\n  }\n}\n",
            "resource \"alicloud_instance\" \"i\" {\n  data_disks {\n    size = 100\n    auto_snapshot_policy_id = \"sp-bp1example\"\n  }\n}\n",
            "variable \"p\" {}\nresource \"alicloud_instance\" \"i\" {\n  data_disks {\n    size = 100\n    auto_snapshot_policy_id = var.p\n  }\n}\n",
            "1 of its 1 data disk(s) have no auto_snapshot_policy_id"),
        ["HC-ALI-BAK-008"] = new(
            "resource \"alicloud_oss_bucket\" \"b\" {\n  bucket = \"shop-assets\"\n}\n",
            "resource \"alicloud_oss_bucket\" \"b\" {\n  bucket = \"shop-assets\"\n  versioning {\n    status = \"Enabled\"\n  }\n}\n",
            "variable \"s\" {}\nresource \"alicloud_oss_bucket\" \"b\" {\n  bucket = \"shop-assets\"\n  versioning {\n    status = var.s\n  }\n}\n",
            "versioning is not enabled: overwritten or deleted objects cannot be recovered"),
        ["HC-ALI-BAK-009"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  deletion_protection = true\n}\n",
            "variable \"p\" {}\nresource \"alicloud_db_instance\" \"d\" {\n  deletion_protection = var.p\n}\n",
            "deletion_protection is not set (off)"),
        ["HC-ALI-OBS-001"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\nresource \"alicloud_cms_alarm\" \"a\" {\n  project = \"acs_rds_dashboard\"\n  metric = \"CpuUsage\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\nvariable \"p\" {}\nresource \"alicloud_cms_alarm\" \"a\" {\n  project = var.p\n}\n",
            "no alicloud_cms_alarm watches the acs_rds_dashboard namespace"),
        ["HC-ALI-OBS-002"] = new(
            "resource \"alicloud_db_instance\" \"d\" {\n  engine = \"MySQL\"\n}\n",
            "resource \"alicloud_db_instance\" \"d\" {\n  sql_collector_status = \"Enabled\"\n}\n",
            "variable \"s\" {}\nresource \"alicloud_db_instance\" \"d\" {\n  sql_collector_status = var.s\n}\n",
            "sql_collector_status is not set (Disabled)"),
        ["HC-ALI-OBS-003"] = new(
            "resource \"alicloud_alb_load_balancer\" \"a\" {\n  load_balancer_edition = \"Standard\"\n}\n",
            "resource \"alicloud_alb_load_balancer\" \"a\" {\n  access_log_config {\n    log_project = \"shop-logs\"\n    log_store = \"alb\"\n  }\n}\n",
            "resource \"alicloud_alb_load_balancer\" \"a\" {\n  load_balancer_edition = \"Standard\"\n}\nvariable \"l\" {}\nresource \"alicloud_alb_load_balancer_access_log_config_attachment\" \"x\" {\n  load_balancer_id = var.l\n}\n",
            "no access_log_config and no access log attachment: requests are not logged"),
        ["HC-ALI-OBS-004"] = new(
            "resource \"alicloud_vpc\" \"v\" {\n  cidr_block = \"172.16.0.0/12\"\n}\n",
            "resource \"alicloud_vpc\" \"v\" {\n  cidr_block = \"172.16.0.0/12\"\n}\nresource \"alicloud_actiontrail_trail\" \"t\" {\n  event_rw = \"All\"\n}\n",
            "resource \"alicloud_vpc\" \"v\" {\n  cidr_block = \"172.16.0.0/12\"\n}\nvariable \"s\" {}\nresource \"alicloud_actiontrail_trail\" \"t\" {\n  status = var.s\n}\n",
            "no alicloud_actiontrail_trail among the 1 Alibaba Cloud resources: changes are not recorded"),
        ["HC-ALI-OBS-005"] = new(
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  min_size = 2\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  min_size = 2\n}\nresource \"alicloud_ess_notification\" \"n\" {\n  scaling_group_id = alicloud_ess_scaling_group.g.id\n}\n",
            "resource \"alicloud_ess_scaling_group\" \"g\" {\n  min_size = 2\n}\nvariable \"g\" {}\nresource \"alicloud_ess_notification\" \"n\" {\n  scaling_group_id = var.g\n}\n",
            "no alicloud_ess_notification: failed scaling activities go unnoticed"),
        ["HC-ALI-OBS-006"] = new(
            "resource \"alicloud_log_store\" \"x\" {\n  retention_period = 3\n}\n",
            "resource \"alicloud_log_store\" \"x\" {\n  retention_period = 30\n}\n",
            "variable \"v\" {}\nresource \"alicloud_log_store\" \"x\" {\n  retention_period = var.v\n}\n",
            "retention_period is 3 days, below 14"),
        ["HC-ALI-OBS-007"] = new(
            "resource \"alicloud_cms_alarm\" \"x\" {\n  metric = \"CpuUsage\"\n  enabled = false\n}\n",
            "resource \"alicloud_cms_alarm\" \"x\" {\n  metric = \"CpuUsage\"\n  enabled = true\n}\n",
            "variable \"v\" {}\nresource \"alicloud_cms_alarm\" \"x\" {\n  metric = \"CpuUsage\"\n  enabled = var.v\n}\n",
            "the alarm on CpuUsage is disabled (enabled = false)"),
        ["HC-ALI-EXP-007"] = new(
            CertificateHcl(new DateTimeOffset(2027, 11, 20, 0, 0, 0, TimeSpan.Zero)),
            CertificateHcl(new DateTimeOffset(2028, 6, 1, 0, 0, 0, TimeSpan.Zero)),
            "variable \"pem\" {}\nresource \"alicloud_slb_server_certificate\" \"c\" {\n  server_certificate = var.pem\n}\n",
            "the certificate ends 2027-11-20 00:00 UTC, before the event's end (2027-12-01 05:00 UTC)"),
    };

    /// <summary>A server certificate resource holding a self-signed certificate valid until <paramref name="notAfter"/>, in a heredoc.</summary>
    private static string CertificateHcl(DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=shop.example.com", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(notAfter.AddYears(-1), notAfter);
        return $"resource \"alicloud_slb_server_certificate\" \"c\" {{\n  server_certificate = <<EOT\n{certificate.ExportCertificatePem()}\nEOT\n}}\n";
    }
}
