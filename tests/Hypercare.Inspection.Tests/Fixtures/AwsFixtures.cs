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
    };
}
