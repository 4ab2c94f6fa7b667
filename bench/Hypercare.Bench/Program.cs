using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hypercare.Inspection;
using Hypercare.Inspection.Assessment;
using Hypercare.Inventory;
using Hypercare.Inventory.Hcl;

// Measurements behind docs/benchmarks.md; bench/inventory.sh runs them with their inputs and the peers.
//   hcl-parse FILE [ROUNDS]   parse a .tf file ROUNDS times, each from a collected heap; prints MB/s of each round
//   hcl-lex FILE              tokens only, five rounds: the lexer's share of the parse
//   load PATH                 read a state, plan, manifest or directory once (start-up included by the caller)
//   make-tf DIR MB            write a typical configuration of about MB megabytes from the sample shop's infra
//   inspect PATH [ROUNDS]     every inspection rule and the resource assessment over an estate in memory, ROUNDS times
//   make-state FILE COUNT     write a version-4 state of COUNT resources
//   make-estate FILE COUNT    write a version-4 state of COUNT resources of ten kinds tied together by ids
//   make-slowlog OUT MB [SEED] write a MySQL slow log of about MB megabytes (bench/databases.sh)
//   digest-profile LOG        where the digest's time goes: reading events, then fingerprints, then the whole digest
var culture = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "hcl-parse":
    {
        var text = File.ReadAllText(args[1]);
        var rounds = args.Length > 2 ? int.Parse(args[2], culture) : 5;
        for (var i = 0; i < rounds; i++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            var file = HclParser.Parse(args[1], text);
            sw.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var mb = Encoding.UTF8.GetByteCount(text) / 1e6;
            Console.WriteLine(string.Create(culture, $"round {i + 1}: {mb:0.0} MB in {sw.Elapsed.TotalSeconds:0.000} s = {mb / sw.Elapsed.TotalSeconds:0.0} MB/s ({file.Body.Blocks.Count} blocks, {file.Errors.Count} errors, {allocated / 1e6:0} MB allocated)"));
            file = null;
            GC.Collect();
        }
        return 0;
    }
    case "hcl-lex":
    {
        var text = File.ReadAllText(args[1]);
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            var lexer = new HclLexer(text);
            var tokens = 0;
            while (true)
            {
                var t = lexer.Next(skipNewlines: false);
                if (t.Kind == Tk.Eof) break;
                if (t.Kind == Tk.Quote) lexer.SimpleString();
                tokens++;
            }
            sw.Stop();
            Console.WriteLine(string.Create(culture, $"lex {text.Length / 1e6:0.0} M chars in {sw.Elapsed.TotalSeconds:0.000} s = {text.Length / 1e6 / sw.Elapsed.TotalSeconds:0.0} MB/s, {tokens} tokens"));
        }
        return 0;
    }
    case "load":
    {
        var sw = Stopwatch.StartNew();
        var graph = InventoryReader.Read(args[1]);
        sw.Stop();
        var live = GC.GetTotalMemory(true);
        Console.WriteLine(string.Create(culture, $"{graph.Resources.Count} resources, {graph.Problems.Count} problems in {sw.Elapsed.TotalSeconds:0.00} s; live graph {live / 1e6:0} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
        GC.KeepAlive(graph);
        return 0;
    }
    case "make-tf":
    {
        var source = string.Concat(Directory.GetFiles(args[1], "*.tf").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        var target = double.Parse(args[3], culture) * 1e6;
        var b = new StringBuilder();
        for (var copy = 0; b.Length < target; copy++)
            b.Append(source.Replace("\"web\"", $"\"web{copy}\"").Replace("\"main\"", $"\"main{copy}\"").Replace("\"orders\"", $"\"orders{copy}\"")).Append('\n');
        File.WriteAllText(args[2], b.ToString());
        return 0;
    }
    case "make-state":
    {
        var count = int.Parse(args[2], culture);
        using var w = new StreamWriter(args[1]);
        w.Write("{\"version\":4,\"terraform_version\":\"1.9.8\",\"serial\":1,\"lineage\":\"bench\",\"outputs\":{},\"resources\":[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) w.Write(',');
            w.Write(string.Create(culture, $"{{\"mode\":\"managed\",\"type\":\"alicloud_instance\",\"name\":\"web{i}\",\"provider\":\"provider[\\\"registry.terraform.io/aliyun/alicloud\\\"]\",\"instances\":[{{\"schema_version\":0,\"attributes\":{{\"id\":\"i-bp1{i:D12}\",\"instance_type\":\"ecs.g7.large\",\"availability_zone\":\"cn-hangzhou-{(i % 2 == 0 ? 'h' : 'i')}\",\"vswitch_id\":\"vsw-bp1{i % 50:D8}\",\"security_groups\":[\"sg-bp1abc\"],\"instance_charge_type\":\"PostPaid\",\"internet_max_bandwidth_out\":0,\"system_disk_category\":\"cloud_essd\",\"system_disk_size\":40,\"tags\":{{\"env\":\"prod\",\"tier\":\"web\",\"index\":\"{i}\"}},\"private_ip\":\"172.16.{i / 250 % 250}.{i % 250}\",\"status\":\"Running\"}},\"sensitive_attributes\":[],\"dependencies\":[\"alicloud_vswitch.web\",\"alicloud_security_group.web\"]}}]}}"));
        }
        w.Write("]}");
        return 0;
    }
    case "make-estate":
    {
        // A mixed estate in state form: networks, security group rules, instances, load balancers and listeners,
        // scaling groups, databases with backup policies, caches and EIPs, tied together by ids as real state is.
        var count = int.Parse(args[2], culture);
        using var w = new StreamWriter(args[1]);
        w.Write("{\"version\":4,\"terraform_version\":\"1.9.8\",\"serial\":1,\"lineage\":\"bench\",\"outputs\":{},\"resources\":[");
        string[] ports = ["22/22", "443/443", "3306/3306", "80/80", "1000/2000", "-1/-1", "6379/6379", "8080/8080"];
        for (var i = 0; i < count; i++)
        {
            if (i > 0) w.Write(',');
            var zone = i % 3 == 0 ? "cn-hangzhou-h" : "cn-hangzhou-i";
            var vsw = $"vsw-{i / 10 * 10:D10}";
            var (type, attributes) = (i % 10) switch
            {
                0 => ("alicloud_vswitch", $"\"id\":\"vsw-{i:D10}\",\"zone_id\":\"{zone}\",\"cidr_block\":\"172.16.{i % 250}.0/24\",\"vpc_id\":\"vpc-1\""),
                1 => ("alicloud_security_group_rule", $"\"id\":\"sg-1:ingress:tcp:{i}\",\"type\":\"ingress\",\"ip_protocol\":\"tcp\",\"port_range\":\"{ports[i / 10 % ports.Length]}\",\"cidr_ip\":\"{(i % 20 == 1 ? "0.0.0.0/0" : "10.0.0.0/8")}\",\"policy\":\"accept\",\"nic_type\":\"intranet\",\"priority\":1"),
                2 or 3 => ("alicloud_instance", $"\"id\":\"i-{i:D12}\",\"instance_type\":\"{(i % 30 == 2 ? "ecs.t6-c1m2.large" : "ecs.g7.large")}\",\"availability_zone\":\"{zone}\",\"vswitch_id\":\"{vsw}\",\"instance_charge_type\":\"{(i % 50 == 3 ? "PrePaid" : "PostPaid")}\",\"expired_time\":\"2027-{i % 12 + 1:D2}-28T16:00Z\",\"internet_max_bandwidth_out\":0,\"system_disk_category\":\"cloud_essd\",\"tags\":{{\"tier\":\"web\"}}"),
                4 => ("alicloud_slb_load_balancer", $"\"id\":\"lb-{i:D10}\",\"load_balancer_spec\":\"slb.s{i % 3 + 1}.small\",\"address_type\":\"internet\",\"master_zone_id\":\"cn-hangzhou-h\",\"slave_zone_id\":\"{(i % 40 == 4 ? "" : "cn-hangzhou-i")}\""),
                5 => ("alicloud_slb_listener", $"\"id\":\"lb-{i - 1:D10}:http:80\",\"load_balancer_id\":\"lb-{i - 1:D10}\",\"protocol\":\"http\",\"frontend_port\":80,\"backend_port\":8080,\"health_check\":\"{(i % 20 == 5 ? "off" : "on")}\",\"health_check_interval\":2,\"unhealthy_threshold\":3,\"healthy_threshold\":3"),
                6 => ("alicloud_ess_scaling_group", $"\"id\":\"asg-{i:D10}\",\"min_size\":2,\"max_size\":{i % 30 + 2},\"vswitch_ids\":[\"{vsw}\",\"vsw-{(i / 10 + 1) * 10:D10}\"],\"loadbalancer_ids\":[\"lb-{i - 2:D10}\"],\"multi_az_policy\":\"BALANCE\""),
                7 => ("alicloud_db_instance", $"\"id\":\"rm-{i:D10}\",\"engine\":\"MySQL\",\"instance_type\":\"mysql.n2.large.1\",\"category\":\"{(i % 20 == 7 ? "Basic" : "HighAvailability")}\",\"zone_id\":\"cn-hangzhou-h\",\"zone_id_slave_a\":\"cn-hangzhou-i\",\"instance_storage\":200,\"storage_auto_scale\":\"Enable\",\"vswitch_id\":\"{vsw}\",\"security_ips\":[\"10.0.0.0/8\"]"),
                8 => ("alicloud_db_backup_policy", $"\"id\":\"rm-{i - 1:D10}\",\"instance_id\":\"rm-{i - 1:D10}\",\"preferred_backup_period\":[\"Monday\",\"Thursday\"],\"backup_retention_period\":{i % 10 + 3},\"enable_backup_log\":true"),
                _ => ("alicloud_kvstore_instance", $"\"id\":\"r-{i:D10}\",\"instance_class\":\"redis.master.small.default\",\"zone_id\":\"cn-hangzhou-h\",\"secondary_zone_id\":\"{(i % 20 == 9 ? "" : "cn-hangzhou-i")}\",\"vswitch_id\":\"{vsw}\",\"security_ips\":[\"10.0.0.0/8\"]"),
            };
            w.Write(string.Create(culture, $"{{\"mode\":\"managed\",\"type\":\"{type}\",\"name\":\"r{i}\",\"provider\":\"provider[\\\"registry.terraform.io/aliyun/alicloud\\\"]\",\"instances\":[{{\"schema_version\":0,\"attributes\":{{{attributes}}},\"sensitive_attributes\":[]}}]}}"));
        }
        w.Write("]}");
        return 0;
    }
    case "inspect":
    {
        // The inspection of an estate already in memory, every rule and the assessment, several rounds in one process.
        var rounds = args.Length > 2 ? int.Parse(args[2], culture) : 5;
        var load = Stopwatch.StartNew();
        var graph = InventoryReader.Read(args[1]);
        load.Stop();
        var targets = new EventTargets(PeakRate: 2000, Headroom: 0.3, PeakEgressMbps: 800, EventEnd: new DateTimeOffset(2027, 12, 1, 5, 0, 0, TimeSpan.Zero), PerInstanceRate: 150, PeakConcurrency: 20000);
        Console.WriteLine(string.Create(culture, $"{graph.Resources.Count} resources loaded in {load.Elapsed.TotalSeconds:0.00} s; {Inspector.Rules.Count} rules"));
        for (var round = 1; round <= rounds; round++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            var context = new InspectionContext(graph, targets);
            var findings = Inspector.Run(context);
            var rules = sw.Elapsed;
            var tiers = ResourceAssessment.Assess(context);
            sw.Stop();
            Console.WriteLine(string.Create(culture, $"round {round}: rules {rules.TotalSeconds:0.000} s, with the assessment {sw.Elapsed.TotalSeconds:0.000} s; {findings.Count(f => f.Outcome == Outcome.Fail)} findings, {findings.Count(f => f.Outcome == Outcome.CouldNotVerify)} could not verify, {tiers.Count} tiers"));
        }
        return 0;
    }
    case "make-slowlog":
    {
        var seed = args.Length > 3 ? int.Parse(args[3], culture) : 8;
        var sw = Stopwatch.StartNew();
        var events = new Hypercare.Bench.SlowLogMaker(seed).Write(args[1], (long)(double.Parse(args[2], culture) * 1e6));
        Console.WriteLine(string.Create(culture, $"{args[1]}: {new FileInfo(args[1]).Length / 1e6:0.0} MB, {events} events (seed {seed}) in {sw.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }
    case "digest-profile":
    {
        var mb = new FileInfo(args[1]).Length / 1e6;
        void Report(string what, Stopwatch sw, long count) =>
            Console.WriteLine(string.Create(culture, $"{what,-36} {sw.Elapsed.TotalSeconds,6:0.000} s  {mb / sw.Elapsed.TotalSeconds,6:0.0} MB/s  {count} events, {GC.GetTotalAllocatedBytes() / 1e6:0} MB allocated so far"));
        for (var round = 1; round <= 2; round++)
        {
            var sw = Stopwatch.StartNew();
            long events = 0, length = 0;
            using (var stream = File.OpenRead(args[1]))
                foreach (var e in new Hypercare.Databases.MySql.SlowLogReader(stream).Events()) { events++; length += e.Statement.Length; }
            Report($"round {round}: read events", sw, events);
            sw.Restart();
            events = 0;
            using (var stream = File.OpenRead(args[1]))
                foreach (var e in new Hypercare.Databases.MySql.SlowLogReader(stream).Events()) { events++; length += Hypercare.Databases.Fingerprints.Fingerprint.Of(e.Statement).Length; }
            Report($"round {round}: read events and fingerprint", sw, events);
            sw.Restart();
            var report = Hypercare.Databases.Digest.QueryDigest.Read([args[1]]);
            Report($"round {round}: the whole digest", sw, report.Events);
            GC.KeepAlive(length);
        }
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: hcl-parse FILE [ROUNDS] | load PATH | inspect PATH [ROUNDS] | make-tf INFRA_DIR OUT MB | make-state OUT COUNT | make-estate OUT COUNT | make-slowlog OUT MB [SEED] | digest-profile LOG");
        return 2;
}
