using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hypercare.Inspection.Tests.Fixtures;

/// <summary>AWS rules: for each, a configuration that fails it, one that passes it, one it cannot judge, and the failure's message.</summary>
internal static class AwsFixtures
{
    public static readonly Dictionary<string, RuleFixture> Cases = new()
    {
        ["HC-AWS-SEC-001"] = new(
            "resource \"aws_security_group\" \"g\" {\n  ingress {\n    from_port = 3389\n    to_port = 3389\n    protocol = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/8\"]\n    ipv6_cidr_blocks = [\"::/0\"]\n  }\n}\n",
            "resource \"aws_security_group\" \"g\" {\n  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
            "variable \"c\" {}\nresource \"aws_security_group\" \"g\" {\n  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = \"tcp\"\n    cidr_blocks = [var.c]\n  }\n}\n",
            "ingress tcp 3389-3389 from ::/0 opens RDP (3389) to the internet"),
        ["HC-AWS-AVL-001"] = new(
            "resource \"aws_db_instance\" \"d\" {\n  engine = \"postgres\"\n}\n",
            "resource \"aws_db_instance\" \"d\" {\n  multi_az = true\n}\n",
            "variable \"m\" {}\nresource \"aws_db_instance\" \"d\" {\n  multi_az = var.m\n}\n",
            "multi_az is not set: it defaults to false, a single instance in one zone"),
        ["HC-AWS-AVL-002"] = new(
            "resource \"aws_subnet\" \"a\" {\n  availability_zone = \"eu-west-1a\"\n}\nresource \"aws_autoscaling_group\" \"g\" {\n  vpc_zone_identifier = [aws_subnet.a.id]\n}\n",
            "resource \"aws_subnet\" \"a\" {\n  availability_zone = \"eu-west-1a\"\n}\nresource \"aws_subnet\" \"b\" {\n  availability_zone = \"eu-west-1b\"\n}\nresource \"aws_autoscaling_group\" \"g\" {\n  vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.b.id]\n}\n",
            "resource \"aws_autoscaling_group\" \"g\" {\n  vpc_zone_identifier = [\"subnet-0external\"]\n}\n",
            "every subnet is in eu-west-1a"),
        ["HC-AWS-SEC-002"] = new(
            """
            resource "aws_security_group_rule" "all" {
              type = "ingress"
              protocol = "-1"
              from_port = 0
              to_port = 0
              cidr_blocks = ["0.0.0.0/0"]
            }
            """,
            """
            resource "aws_security_group_rule" "web" {
              type = "ingress"
              protocol = "tcp"
              from_port = 443
              to_port = 443
              cidr_blocks = ["0.0.0.0/0"]
            }
            resource "aws_security_group_rule" "inside" {
              type = "ingress"
              protocol = "-1"
              from_port = 0
              to_port = 0
              cidr_blocks = ["10.0.0.0/8"]
            }
            """,
            """
            variable "p" {}
            resource "aws_vpc_security_group_ingress_rule" "r" {
              ip_protocol = "tcp"
              from_port = var.p
              to_port = 65535
              cidr_ipv4 = "0.0.0.0/0"
            }
            """,
            "ingress protocol -1 from 0.0.0.0/0 opens every port and protocol to the internet"),
        ["HC-AWS-SEC-003"] = new(
            """
            resource "aws_db_instance" "d" {
              publicly_accessible = true
            }
            """,
            """
            resource "aws_db_instance" "d" {
              publicly_accessible = false
            }
            resource "aws_db_instance" "e" {
              engine = "mysql"
            }
            """,
            """
            variable "p" {}
            resource "aws_db_instance" "d" {
              publicly_accessible = var.p
            }
            """,
            "publicly_accessible is true: the database has an address reachable from the internet"),
        ["HC-AWS-SEC-004"] = new(
            """
            resource "aws_s3_bucket" "b" {
              bucket = "shop-assets"
            }
            resource "aws_s3_bucket_public_access_block" "b" {
              bucket = aws_s3_bucket.b.id
              block_public_acls = true
              block_public_policy = false
              ignore_public_acls = true
              restrict_public_buckets = false
            }
            """,
            """
            resource "aws_s3_bucket" "b" {
              bucket = "shop-assets"
            }
            resource "aws_s3_bucket_acl" "b" {
              bucket = aws_s3_bucket.b.id
              acl = "private"
            }
            resource "aws_s3_bucket_public_access_block" "b" {
              bucket = aws_s3_bucket.b.id
              block_public_acls = true
              block_public_policy = true
              ignore_public_acls = true
              restrict_public_buckets = true
            }
            """,
            """
            variable "acl" {}
            resource "aws_s3_bucket_acl" "b" {
              bucket = "shop-assets"
              acl = var.acl
            }
            """,
            "block_public_policy, restrict_public_buckets are false: public access to the bucket is not blocked"),
        ["HC-AWS-SEC-005"] = new(
            """
            resource "aws_lb_listener" "http" {
              port = 80
              protocol = "HTTP"
              default_action {
                type = "forward"
                target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"
              }
            }
            """,
            """
            resource "aws_lb_listener" "http" {
              port = 80
              protocol = "HTTP"
              default_action {
                type = "redirect"
                redirect {
                  port = "443"
                  protocol = "HTTPS"
                  status_code = "HTTP_301"
                }
              }
            }
            """,
            """
            variable "p" {}
            resource "aws_lb_listener" "l" {
              port = 80
              protocol = var.p
              default_action {
                type = "forward"
              }
            }
            """,
            "protocol HTTP on port 80 with default action forward: requests are served without TLS instead of redirected to HTTPS"),
        ["HC-AWS-SEC-006"] = new(
            """
            resource "aws_lb_listener" "https" {
              port = 443
              protocol = "HTTPS"
              ssl_policy = "ELBSecurityPolicy-2016-08"
            }
            """,
            """
            resource "aws_lb_listener" "https" {
              port = 443
              protocol = "HTTPS"
              ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
            }
            """,
            """
            variable "policy" {}
            resource "aws_lb_listener" "https" {
              port = 443
              protocol = "HTTPS"
              ssl_policy = var.policy
            }
            """,
            "ssl_policy ELBSecurityPolicy-2016-08 accepts TLS versions older than 1.2"),
        ["HC-AWS-SEC-007"] = new(
            """
            resource "aws_elasticache_replication_group" "r" {
              description = "sessions"
            }
            """,
            """
            resource "aws_elasticache_replication_group" "r" {
              transit_encryption_enabled = true
            }
            """,
            """
            variable "t" {}
            resource "aws_elasticache_replication_group" "r" {
              transit_encryption_enabled = var.t
            }
            """,
            "transit_encryption_enabled is not set: it defaults to false, traffic to the cache is not encrypted"),
        ["HC-AWS-AVL-003"] = new(
            """
            resource "aws_elb" "web" {
              cross_zone_load_balancing = false
            }
            """,
            """
            resource "aws_elb" "web" {
              name = "web"
            }
            """,
            """
            variable "c" {}
            resource "aws_elb" "web" {
              cross_zone_load_balancing = var.c
            }
            """,
            "cross_zone_load_balancing is false: each zone's share of the traffic stays on that zone's instances"),
        ["HC-AWS-AVL-004"] = new(
            """
            resource "aws_subnet" "a" {
              availability_zone = "eu-west-1a"
            }
            resource "aws_subnet" "a2" {
              availability_zone = "eu-west-1a"
            }
            resource "aws_lb" "web" {
              load_balancer_type = "network"
              subnets = [aws_subnet.a.id, aws_subnet.a2.id]
            }
            """,
            """
            resource "aws_subnet" "a" {
              availability_zone = "eu-west-1a"
            }
            resource "aws_subnet" "b" {
              availability_zone = "eu-west-1b"
            }
            resource "aws_lb" "web" {
              subnet_mapping {
                subnet_id = aws_subnet.a.id
              }
              subnet_mapping {
                subnet_id = aws_subnet.b.id
              }
            }
            """,
            """
            resource "aws_lb" "web" {
              subnets = ["subnet-0external"]
            }
            """,
            "every subnet is in eu-west-1a"),
        ["HC-AWS-AVL-005"] = new(
            """
            resource "aws_elasticache_replication_group" "r" {
              automatic_failover_enabled = false
              num_cache_clusters = 2
            }
            """,
            """
            resource "aws_elasticache_replication_group" "r" {
              automatic_failover_enabled = true
              num_cache_clusters = 2
            }
            """,
            """
            variable "f" {}
            resource "aws_elasticache_replication_group" "r" {
              automatic_failover_enabled = var.f
            }
            """,
            "automatic_failover_enabled is false: a failed primary is not replaced by a replica"),
        ["HC-AWS-AVL-006"] = new(
            """
            resource "aws_lb_target_group" "web" {
              port = 8080
            }
            resource "aws_autoscaling_group" "web" {
              health_check_type = "EC2"
              target_group_arns = [aws_lb_target_group.web.arn]
            }
            """,
            """
            resource "aws_lb_target_group" "web" {
              port = 8080
            }
            resource "aws_autoscaling_group" "web" {
              health_check_type = "ELB"
              target_group_arns = [aws_lb_target_group.web.arn]
            }
            resource "aws_autoscaling_group" "workers" {
              health_check_type = "EC2"
            }
            """,
            """
            variable "t" {}
            resource "aws_autoscaling_group" "web" {
              health_check_type = var.t
              target_group_arns = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"]
            }
            """,
            "health_check_type is EC2 while the group serves a load balancer: instances failing its health check are not replaced"),
        ["HC-AWS-AVL-007"] = new(
            """
            resource "aws_lb_target_group" "web" {
              port = 8080
              health_check {
                path = "/health"
              }
            }
            """,
            """
            resource "aws_lb_target_group" "web" {
              port = 8080
              health_check {
                path = "/health"
                interval = 10
                unhealthy_threshold = 2
              }
            }
            """,
            """
            variable "i" {}
            resource "aws_lb_target_group" "web" {
              health_check {
                interval = var.i
              }
            }
            """,
            "interval 30 s × unhealthy_threshold 3 = 90 s before a failing target is taken out (at most 30 s wanted)"),
        ["HC-AWS-AVL-008"] = new(
            """
            resource "aws_autoscaling_group" "web" {
              min_size = 1
              max_size = 4
            }
            """,
            """
            resource "aws_autoscaling_group" "web" {
              min_size = 2
              max_size = 4
            }
            """,
            """
            variable "m" {}
            resource "aws_autoscaling_group" "web" {
              min_size = var.m
            }
            """,
            "min_size is 1: the group may run fewer than two instances"),
        ["HC-AWS-CAP-001"] = new(
            """
            resource "aws_launch_template" "web" {
              instance_type = "t3.large"
            }
            """,
            """
            resource "aws_launch_template" "web" {
              instance_type = "m7g.large"
            }
            resource "aws_db_instance" "d" {
              instance_class = "db.r7g.large"
            }
            """,
            """
            variable "t" {}
            resource "aws_instance" "web" {
              instance_type = var.t
            }
            """,
            "instance_type t3.large is burstable: its CPU runs on credits that a sustained peak drains"),
        ["HC-AWS-CAP-002"] = new(
            """
            resource "aws_autoscaling_group" "web" {
              min_size = 2
              max_size = 10
            }
            """,
            """
            resource "aws_autoscaling_group" "web" {
              min_size = 2
              max_size = 20
            }
            """,
            """
            variable "max" {}
            resource "aws_autoscaling_group" "web" {
              min_size = 2
              max_size = var.max
            }
            """,
            "max_size 10 × 150/s = 1,500/s, below the 2,600/s the peak of 2,000/s needs with 30% headroom"),
        ["HC-AWS-CAP-003"] = new(
            """
            resource "aws_autoscaling_group" "web" {
              min_size = 4
              max_size = 4
            }
            """,
            """
            resource "aws_autoscaling_group" "web" {
              min_size = 4
              max_size = 12
            }
            """,
            """
            variable "max" {}
            resource "aws_autoscaling_group" "web" {
              min_size = 4
              max_size = var.max
            }
            """,
            "max_size 4 is not above min_size 4: the group cannot add instances when the load rises"),
        ["HC-AWS-CAP-004"] = new(
            """
            resource "aws_db_instance" "d" {
              engine = "postgres"
              allocated_storage = 100
            }
            """,
            """
            resource "aws_db_instance" "d" {
              engine = "postgres"
              allocated_storage = 100
              max_allocated_storage = 500
            }
            resource "aws_db_instance" "aurora" {
              engine = "aurora-postgresql"
            }
            """,
            """
            variable "m" {}
            resource "aws_db_instance" "d" {
              allocated_storage = 100
              max_allocated_storage = var.m
            }
            """,
            "max_allocated_storage is not set: storage stays at 100 GiB"),
        ["HC-AWS-CAP-005"] = new(
            """
            resource "aws_dynamodb_table" "orders" {
              name = "orders"
              billing_mode = "PROVISIONED"
              read_capacity = 100
              write_capacity = 50
            }
            """,
            """
            resource "aws_dynamodb_table" "orders" {
              name = "orders"
              read_capacity = 100
              write_capacity = 50
            }
            resource "aws_appautoscaling_target" "orders_write" {
              service_namespace = "dynamodb"
              resource_id = "table/${aws_dynamodb_table.orders.name}"
              scalable_dimension = "dynamodb:table:WriteCapacityUnits"
              min_capacity = 50
              max_capacity = 2000
            }
            resource "aws_dynamodb_table" "carts" {
              name = "carts"
              billing_mode = "PAY_PER_REQUEST"
            }
            """,
            """
            variable "mode" {}
            resource "aws_dynamodb_table" "orders" {
              name = "orders"
              billing_mode = var.mode
            }
            """,
            "billing_mode PROVISIONED with read_capacity 100 and write_capacity 50, and no aws_appautoscaling_target for table/orders: requests beyond them are throttled"),
        ["HC-AWS-CAP-006"] = new(
            """
            resource "aws_ebs_volume" "data" {
              availability_zone = "eu-west-1a"
              type = "gp2"
              size = 100
            }
            """,
            """
            resource "aws_ebs_volume" "data" {
              type = "gp3"
              size = 100
            }
            resource "aws_instance" "big" {
              root_block_device {
                volume_type = "gp2"
                volume_size = 1000
              }
            }
            """,
            """
            variable "size" {}
            resource "aws_launch_template" "web" {
              block_device_mappings {
                device_name = "/dev/xvda"
                ebs {
                  volume_type = "gp2"
                  volume_size = var.size
                }
              }
            }
            """,
            "gp2 volume of 100 GiB: a baseline of 300 IOPS, above which it runs on burst credits (gp3 gives 3,000 at any size)"),
        ["HC-AWS-BAK-001"] = new(
            """
            resource "aws_db_instance" "d" {
              engine = "postgres"
              backup_retention_period = 1
            }
            """,
            """
            resource "aws_db_instance" "d" {
              engine = "postgres"
              backup_retention_period = 14
            }
            resource "aws_rds_cluster" "c" {
              backup_retention_period = 7
            }
            """,
            """
            variable "days" {}
            resource "aws_rds_cluster" "c" {
              backup_retention_period = var.days
            }
            """,
            "backup_retention_period is 1 day, fewer than 7"),
        ["HC-AWS-BAK-002"] = new(
            """
            resource "aws_rds_cluster" "c" {
              engine = "aurora-mysql"
              deletion_protection = false
            }
            """,
            """
            resource "aws_rds_cluster" "c" {
              engine = "aurora-mysql"
              deletion_protection = true
            }
            resource "aws_db_instance" "member" {
              engine = "aurora-mysql"
            }
            """,
            """
            variable "p" {}
            resource "aws_db_instance" "d" {
              deletion_protection = var.p
            }
            """,
            "deletion_protection is false: the database can be deleted by one call"),
        ["HC-AWS-BAK-003"] = new(
            """
            resource "aws_dynamodb_table" "orders" {
              name = "orders"
              billing_mode = "PAY_PER_REQUEST"
            }
            """,
            """
            resource "aws_dynamodb_table" "orders" {
              name = "orders"
              point_in_time_recovery {
                enabled = true
              }
            }
            """,
            """
            variable "pitr" {}
            resource "aws_dynamodb_table" "orders" {
              point_in_time_recovery {
                enabled = var.pitr
              }
            }
            """,
            "no point_in_time_recovery block: recovery to a point in time is off"),
        ["HC-AWS-BAK-004"] = new(
            """
            resource "aws_elasticache_replication_group" "sessions" {
              snapshot_retention_limit = 0
            }
            """,
            """
            resource "aws_elasticache_replication_group" "sessions" {
              snapshot_retention_limit = 3
            }
            resource "aws_elasticache_cluster" "memo" {
              engine = "memcached"
            }
            """,
            """
            variable "n" {}
            resource "aws_elasticache_cluster" "c" {
              engine = "redis"
              snapshot_retention_limit = var.n
            }
            """,
            "snapshot_retention_limit is 0: no automatic snapshots"),
        ["HC-AWS-OBS-001"] = new(
            """
            resource "aws_lb" "web" {
              load_balancer_type = "application"
              access_logs {
                bucket = "shop-lb-logs"
              }
            }
            """,
            """
            resource "aws_lb" "web" {
              access_logs {
                bucket = "shop-lb-logs"
                enabled = true
              }
            }
            resource "aws_elb" "old" {
              access_logs {
                bucket = "shop-lb-logs"
              }
            }
            """,
            """
            variable "on" {}
            resource "aws_lb" "web" {
              access_logs {
                bucket = "shop-lb-logs"
                enabled = var.on
              }
            }
            """,
            "access_logs.enabled is not true: requests are not logged"),
        ["HC-AWS-OBS-002"] = new(
            """
            resource "aws_db_instance" "d" {
              engine = "postgres"
            }
            """,
            """
            resource "aws_db_instance" "d" {
              performance_insights_enabled = true
            }
            """,
            """
            variable "pi" {}
            resource "aws_rds_cluster_instance" "i" {
              performance_insights_enabled = var.pi
            }
            """,
            "performance_insights_enabled is not set: it defaults to false, the database's load by query is not recorded"),
        ["HC-AWS-OBS-003"] = new(
            """
            resource "aws_db_instance" "d" {
              monitoring_interval = 0
            }
            """,
            """
            resource "aws_db_instance" "d" {
              monitoring_interval = 15
            }
            """,
            """
            variable "i" {}
            resource "aws_db_instance" "d" {
              monitoring_interval = var.i
            }
            """,
            "monitoring_interval is 0: Enhanced Monitoring is off"),
        ["HC-AWS-OBS-004"] = new(
            """
            resource "aws_autoscaling_group" "web" {
              name = "shop-web"
            }
            resource "aws_cloudwatch_metric_alarm" "other" {
              alarm_name = "other"
              dimensions = {
                AutoScalingGroupName = "shop-workers"
              }
            }
            """,
            """
            resource "aws_lb" "web" {
              name = "shop-web"
            }
            resource "aws_autoscaling_group" "web" {
              name = "shop-web"
            }
            resource "aws_cloudwatch_metric_alarm" "lb_5xx" {
              alarm_name = "lb-5xx"
              dimensions = {
                LoadBalancer = aws_lb.web.arn_suffix
              }
            }
            resource "aws_cloudwatch_metric_alarm" "asg_cpu" {
              alarm_name = "asg-cpu"
              dimensions = {
                AutoScalingGroupName = aws_autoscaling_group.web.name
              }
            }
            """,
            """
            variable "lb" {}
            resource "aws_lb" "web" {
              name = "shop-web"
            }
            resource "aws_cloudwatch_metric_alarm" "lb_5xx" {
              dimensions = {
                LoadBalancer = var.lb
              }
            }
            """,
            "no aws_cloudwatch_metric_alarm names aws_autoscaling_group.web in its dimensions: nobody is told when it fails"),
        ["HC-AWS-AVL-009"] = new(
            """
            resource "aws_autoscaling_group" "web" {
              name = "shop-web"
              desired_capacity = 2
            }
            resource "aws_autoscaling_policy" "workers" {
              autoscaling_group_name = "shop-workers"
              policy_type = "TargetTrackingScaling"
            }
            """,
            """
            resource "aws_autoscaling_group" "web" {
              name = "shop-web"
            }
            resource "aws_autoscaling_group" "api" {
              desired_capacity = 2
            }
            resource "aws_autoscaling_policy" "web_cpu" {
              autoscaling_group_name = aws_autoscaling_group.web.name
              policy_type = "TargetTrackingScaling"
            }
            resource "aws_autoscaling_schedule" "api_event" {
              autoscaling_group_name = aws_autoscaling_group.api.name
              min_size = 10
            }
            """,
            """
            variable "g" {}
            resource "aws_autoscaling_group" "web" {
              name = "shop-web"
            }
            resource "aws_autoscaling_policy" "p" {
              autoscaling_group_name = var.g
            }
            """,
            "no aws_autoscaling_policy or aws_autoscaling_schedule names aws_autoscaling_group.web: it stays at desired_capacity 2 whatever the load"),
        ["HC-AWS-AVL-010"] = new(
            """
            resource "aws_lb" "tcp" {
              load_balancer_type = "network"
            }
            """,
            """
            resource "aws_lb" "tcp" {
              load_balancer_type = "network"
              enable_cross_zone_load_balancing = true
            }
            resource "aws_lb" "web" {
              load_balancer_type = "application"
            }
            """,
            """
            variable "c" {}
            resource "aws_lb" "tcp" {
              load_balancer_type = "network"
              enable_cross_zone_load_balancing = var.c
            }
            """,
            "enable_cross_zone_load_balancing is not set: a network load balancer defaults to false, each zone's nodes send only to that zone's targets"),
        ["HC-AWS-OBS-005"] = new(
            """
            resource "aws_autoscaling_group" "web" {
              enabled_metrics = []
            }
            """,
            """
            resource "aws_autoscaling_group" "web" {
              enabled_metrics = ["GroupDesiredCapacity", "GroupInServiceInstances"]
            }
            """,
            """
            variable "m" {}
            resource "aws_autoscaling_group" "web" {
              enabled_metrics = var.m
            }
            """,
            "enabled_metrics is empty: the group's instance counts are not published to CloudWatch"),
        ["HC-AWS-EXP-001"] = new(
            Certificate(new DateTimeOffset(2027, 11, 15, 0, 0, 0, TimeSpan.Zero)),
            Certificate(new DateTimeOffset(2028, 6, 1, 0, 0, 0, TimeSpan.Zero)),
            """
            variable "pem" {}
            resource "aws_acm_certificate" "shop" {
              certificate_body = var.pem
              private_key = var.pem
            }
            """,
            "the certificate expires 2027-11-15 00:00 UTC, before the event's end (2027-12-01 05:00 UTC) plus 7 days; imported certificates are not renewed by ACM"),
    };

    /// <summary>An imported ACM certificate, self-signed, valid until <paramref name="notAfter"/>, written as a heredoc.</summary>
    private static string Certificate(DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=shop.example.com", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(notAfter.AddYears(-1), notAfter);
        return "resource \"aws_acm_certificate\" \"shop\" {\n  certificate_body = <<EOT\n" + certificate.ExportCertificatePem() + "\nEOT\n  private_key = \"(not needed here)\"\n}\n";
    }
}
