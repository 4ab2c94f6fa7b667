using Hypercare.Inventory.Graph;
using Hypercare.Inventory.Terraform;
using Hypercare.Inventory.TerraformPlan;
using Hypercare.Inventory.TerraformState;

namespace Hypercare.Inventory.Tests.Terraform;

public sealed class ConfigurationReaderTests
{
    private static ResourceGraph Sample() => ConfigurationReader.Read(TestData.Path("alicloud-web", "config"));

    private static ResourceGraph Files(params (string Name, string Text)[] files) =>
        ConfigurationReader.ReadFiles(files.ToDictionary(f => f.Name, f => f.Text));

    [Fact]
    public void TheSampleStack_IsEvaluated_WithVariablesLocalsCountModulesAndDynamicBlocks()
    {
        var graph = Sample();
        Assert.True(graph.Problems.Count == 0, string.Join("\n", graph.Problems.Select(p => $"{p.Location}: {p.Message}")));
        Assert.Equal(["data.alicloud_zones.available", "alicloud_vpc.main", "alicloud_vswitch.web[0]", "alicloud_vswitch.web[1]", "alicloud_security_group.web", "module.db.alicloud_db_instance.orders"],
            graph.Resources.Select(r => r.Address));

        var vpc = graph.Find("alicloud_vpc.main")!;
        Assert.Equal("shop-prod", vpc["vpc_name"]!.AsString);                 // local from a tfvars value
        Assert.Equal("172.16.0.0/12", vpc["cidr_block"]!.AsString);           // tfvars over the default
        Assert.Equal(Origin.Configuration, vpc.Origin);
        Assert.EndsWith("main.tf", vpc.Location!.File!, StringComparison.Ordinal);
        Assert.Equal(22, vpc.Location.Line);

        var web1 = graph.Find("alicloud_vswitch.web[1]")!;
        Assert.Equal("172.16.1.0/24", web1["cidr_block"]!.AsString);          // cidrsubnet of another resource's configured attribute
        Assert.Equal("cn-hangzhou-i", web1["zone_id"]!.AsString);
        Assert.Equal("shop-prod-web-1", web1["vswitch_name"]!.AsString);
        Assert.Equal(ValueKind.Unknown, web1["vpc_id"]!.Kind);                 // the id is computed: unknown, with its reference
        Assert.Equal("alicloud_vpc.main.id", web1["vpc_id"]!.Reference);
        Assert.Contains(web1.References, r => r is { Attribute: "vpc_id", Target: "alicloud_vpc.main", TargetAttribute: "id" });
        Assert.Equal(31, web1["cidr_block"]!.Location!.Line);

        var sg = graph.Find("alicloud_security_group.web")!;
        Assert.Equal("[{ cidr_ip = \"0.0.0.0/0\", port_range = \"80/80\" }, { cidr_ip = \"0.0.0.0/0\", port_range = \"443/443\" }]", sg["rule"]!.ToString());

        var db = graph.Find("module.db.alicloud_db_instance.orders")!;
        Assert.Equal(["db"], db.ModulePath);
        Assert.Equal("rds.mysql.s2.large", db["instance_type"]!.AsString);     // renamed attribute under its current name
        Assert.Equal(100m, db["instance_storage"]!.AsNumber);                  // module input from a tfvars value
        Assert.Equal("cn-hangzhou-h", db["zone_id"]!.AsString);                // through a module input from another resource
        Assert.Equal(ValueKind.Unknown, db["vswitch_id"]!.Kind);
    }

    [Fact]
    public void Configuration_StateAndPlan_GiveTheSameGraph_WhereTheyDescribeTheSameThing()
    {
        using var stateDoc = TestData.Json("alicloud-web", "terraform.tfstate");
        using var planDoc = TestData.Json("alicloud-web", "plan.json");
        var config = Sample();
        var state = StateReader.Read("terraform.tfstate", stateDoc);
        var plan = PlanReader.Read("plan.json", planDoc);
        var compared = 0;
        foreach (var other in new[] { state, plan })
            foreach (var resource in other.Resources)
            {
                if (config.Find(resource.Address) is not { } configured) continue;
                Assert.Equal((configured.Type, configured.Name, configured.Index, configured.Provider, string.Join(".", configured.ModulePath)),
                    (resource.Type, resource.Name, resource.Index, resource.Provider, string.Join(".", resource.ModulePath)));
                foreach (var (name, value) in configured.Attributes.Where(a => a.Value.IsWhollyKnown))
                {
                    if (resource[name] is not { } stored) continue;
                    Assert.True(value.Equals(stored), $"{resource.Address}.{name}: configuration {value}, {resource.Origin} {stored}");
                    compared++;
                }
            }
        Assert.True(compared >= 20, $"only {compared} attributes compared");
    }

    [Fact]
    public void ForEach_ExpandsByKey_AndUnknownCountsStayUnknown()
    {
        var graph = Files(("main.tf", """
            variable "buckets" { default = { logs = "private", assets = "public-read" } }
            variable "replicas" {}
            resource "alicloud_oss_bucket" "b" {
              for_each = var.buckets
              bucket   = "shop-${each.key}"
              acl      = each.value
            }
            resource "alicloud_instance" "web" {
              count         = var.replicas
              instance_type = "ecs.t6-c1m2.large"
            }
            """));
        Assert.Empty(graph.Problems);
        Assert.Equal("public-read", graph.Find("alicloud_oss_bucket.b[\"assets\"]")!["acl"]!.AsString);
        Assert.Equal("shop-logs", graph.Find("alicloud_oss_bucket.b[\"logs\"]")!["bucket"]!.AsString);
        var web = graph.Find("alicloud_instance.web")!;
        Assert.Equal(ValueKind.Unknown, web["count"]!.Kind);
        Assert.Equal("var.replicas", web["count"]!.Reference);
        Assert.Equal("ecs.t6-c1m2.large", web["instance_type"]!.AsString);
    }

    [Theory]
    [InlineData("cidrsubnet(\"10.1.2.0/24\", 4, 15)", "\"10.1.2.240/28\"")]
    [InlineData("cidrsubnet(\"fd00:fd12:3456:7890::/56\", 16, 162)", "\"fd00:fd12:3456:7800:a200::/72\"")]
    [InlineData("cidrhost(\"10.12.112.0/20\", 16)", "\"10.12.112.16\"")]
    [InlineData("lookup({ a = 1 }, \"b\", 7)", "7")]
    [InlineData("join(\",\", concat([\"a\"], [\"b\", \"c\"]))", "\"a,b,c\"")]
    [InlineData("format(\"%s-%03d\", \"web\", 7)", "\"web-007\"")]
    [InlineData("length({ a = 1, b = 2 })", "2")]
    [InlineData("element([\"a\", \"b\"], 3)", "\"b\"")]
    [InlineData("tonumber(\"12\") + 1", "13")]
    [InlineData("tostring(5)", "\"5\"")]
    [InlineData("[for z in [\"h\", \"i\"] : upper(z) if z != \"i\"]", "[\"H\"]")]
    [InlineData("{ for k, v in { a = 1, b = 2 } : v => k }", "{ 1 = \"a\", 2 = \"b\" }")]
    [InlineData("[{ n = 1 }, { n = 2 }][*].n", "[1, 2]")]
    [InlineData("true ? \"x\" : \"y\"", "\"x\"")]
    [InlineData("\"%{ for n in [1, 2] }${n};%{ endfor }\"", "\"1;2;\"")]
    [InlineData("max(3, 9, 4) * 2 - 1", "17")]
    [InlineData("file(\"user-data.sh\")", "(unknown: file())")]
    [InlineData("upper(var.unset)", "(unknown: var.unset)")]
    public void Functions_AndExpressions_EvaluateLikeTerraform(string expression, string expected)
    {
        var graph = Files(("main.tf", $"variable \"unset\" {{}}\nresource \"x_thing\" \"t\" {{\n  v = {expression}\n}}\n"));
        Assert.True(graph.Problems.Count == 0, string.Join("\n", graph.Problems.Select(p => $"{p.Location}: {p.Message}")));
        Assert.Equal(expected, graph.Resources[0]["v"]!.ToString());
    }

    [Fact]
    public void Mistakes_AreLocatedProblems_AndTheValueIsUnknown()
    {
        var graph = Files(("main.tf", "resource \"x_thing\" \"t\" {\n  a = var.missing\n  b = local.nope\n  c = cidrsubnet(\"10.0.0.0/30\", 8, 1)\n  d = 1 + \"x\"\n}\n"));
        Assert.Equal(["main.tf:2:7 var.missing is not declared", "main.tf:3:7 local.nope is not declared", "main.tf:4:7 cidrsubnet(): 8 new bits do not fit in the 2 bits left in 10.0.0.0/30", "main.tf:5:7 '+' needs numbers"],
            graph.Problems.Select(p => $"{p.Location!.File}:{p.Location.Line}:{p.Location.Column} {p.Message}"));
        Assert.All(graph.Resources[0].Attributes.Values, v => Assert.Equal(ValueKind.Unknown, v.Kind));
    }

    [Fact]
    public void ACycleBetweenLocals_IsReported_NotALoop()
    {
        var graph = Files(("main.tf", "locals {\n  a = local.b\n  b = local.a\n}\nresource \"x_thing\" \"t\" { v = local.a }\n"));
        Assert.Contains(graph.Problems, p => p.Message.Contains("refers to itself", StringComparison.Ordinal));
        Assert.Equal(ValueKind.Unknown, graph.Resources[0]["v"]!.Kind);
    }
}

public sealed class SampleShopInfraTests
{
    [Fact]
    public void TheShopsTerraform_ItsStateAndItsPlan_AgreeResourceByResource()
    {
        var config = ConfigurationReader.Read(TestData.Path("shop-infra", "config"));
        Assert.True(config.Problems.Count == 0, string.Join("\n", config.Problems.Select(p => $"{p.Location}: {p.Message}")));
        using var stateDoc = TestData.Json("shop-infra", "terraform.tfstate");
        using var planDoc = TestData.Json("shop-infra", "plan.json");
        var state = StateReader.Read("terraform.tfstate", stateDoc);
        var plan = PlanReader.Read("plan.json", planDoc);

        Assert.Equal(21, config.Resources.Count);
        foreach (var other in new[] { state, plan })
        {
            Assert.Equal(config.Resources.Select(r => r.Address).Order(StringComparer.Ordinal), other.Resources.Select(r => r.Address).Order(StringComparer.Ordinal));
            foreach (var resource in other.Resources)
            {
                var configured = config.Find(resource.Address)!;
                Assert.Equal((configured.Type, configured.Index, configured.Provider), (resource.Type, resource.Index, resource.Provider));
                foreach (var (name, value) in configured.Attributes)
                {
                    var stored = resource[name];
                    Assert.True(stored is not null, $"{resource.Origin} lacks {resource.Address}.{name}");
                    if (value.IsWhollyKnown) Assert.True(value.Equals(stored), $"{resource.Address}.{name}: configuration {value}, {resource.Origin} {stored}");
                    else if (resource.Origin == Origin.Plan) Assert.Equal(ValueKind.Unknown, stored!.Kind);   // unknown in both before apply
                }
            }
        }
        // What only the cloud knows: the state has it, the configuration marks it unknown.
        Assert.Equal("2027-10-31T16:00Z", state.Find("alicloud_instance.bastion")!["expired_time"]!.AsString);
        Assert.Equal(ValueKind.Unknown, config.Find("alicloud_ess_scaling_group.web")!["vswitch_ids"]!.Items[0].Kind);
        Assert.Equal("alicloud_vswitch.web[0].id", config.Find("alicloud_ess_scaling_group.web")!["vswitch_ids"]!.Items[0].Reference);
    }
}

public sealed class AwsVariantTests
{
    [Fact]
    public void AnAwsStack_ReadsWithForEachKeysNestedBlocksAndForExpressions_AndItsStateCoversIt()
    {
        var config = ConfigurationReader.Read(TestData.Path("aws-web", "config"));
        Assert.True(config.Problems.Count == 0, string.Join("\n", config.Problems.Select(p => $"{p.Location}: {p.Message}")));
        Assert.Equal(["aws_vpc.main", "aws_subnet.public[\"eu-west-1a\"]", "aws_subnet.public[\"eu-west-1b\"]", "aws_security_group.web", "aws_lb.web", "aws_autoscaling_group.web", "aws_db_instance.orders"],
            config.Resources.Select(r => r.Address));
        Assert.All(config.Resources, r => Assert.Equal("aws", r.Provider));
        Assert.Equal("10.20.1.0/24", config.Find("aws_subnet.public[\"eu-west-1b\"]")!["cidr_block"]!.AsString);
        Assert.Equal("[\"::/0\"]", config.Find("aws_security_group.web")!["ingress"]!.Items[1]["ipv6_cidr_blocks"]!.ToString());
        var lb = config.Find("aws_lb.web")!;
        Assert.Equal(2, lb["subnets"]!.Items.Count);
        Assert.All(lb["subnets"]!.Items, s => Assert.Equal(ValueKind.Unknown, s.Kind));

        using var doc = TestData.Json("aws-web", "terraform.tfstate");
        var state = StateReader.Read("terraform.tfstate", doc);
        Assert.Equal(config.Resources.Select(r => r.Address).Order(StringComparer.Ordinal), state.Resources.Select(r => r.Address).Order(StringComparer.Ordinal));
        var compared = 0;
        foreach (var configured in config.Resources)
        {
            var stored = state.Find(configured.Address)!;
            Assert.Equal((configured.Type, configured.Index, configured.Provider), (stored.Type, stored.Index, stored.Provider));
            foreach (var (name, value) in configured.Attributes.Where(a => a.Value.IsWhollyKnown))
            {
                Assert.True(value.IsCoveredBy(stored[name]), $"{configured.Address}.{name}: configuration {value}, state {stored[name]}");
                compared++;
            }
        }
        Assert.True(compared >= 25, $"only {compared} attributes compared");
    }
}
