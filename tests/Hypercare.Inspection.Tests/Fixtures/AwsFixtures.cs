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
    };
}
