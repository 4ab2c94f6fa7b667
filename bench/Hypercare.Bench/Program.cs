using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hypercare.Inventory;
using Hypercare.Inventory.Hcl;

// Measurements behind docs/benchmarks.md; bench/inventory.sh runs them with their inputs and the peers.
//   hcl-parse FILE [ROUNDS]   parse a .tf file ROUNDS times, each from a collected heap; prints MB/s of each round
//   hcl-lex FILE              tokens only, five rounds: the lexer's share of the parse
//   load PATH                 read a state, plan, manifest or directory once (start-up included by the caller)
//   make-tf DIR MB            write a typical configuration of about MB megabytes from the sample shop's infra
//   make-state FILE COUNT     write a version-4 state of COUNT resources
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
    default:
        Console.Error.WriteLine("usage: hcl-parse FILE [ROUNDS] | load PATH | make-tf INFRA_DIR OUT MB | make-state OUT COUNT");
        return 2;
}
