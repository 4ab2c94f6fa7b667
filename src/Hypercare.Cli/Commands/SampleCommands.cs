using System.CommandLine;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.Samples.Shop;

namespace Hypercare.Cli.Commands;

/// <summary><c>hypercare sample shop</c>: the sample online shop that the demo and the modules exercise.</summary>
internal static class SampleCommands
{
    public static Command Build(CliContext context)
    {
        var sample = new Command("sample", "Sample target systems to practise on");
        var urls = new Option<string>("--urls") { Description = "Where to listen (loopback only)", DefaultValueFactory = _ => ShopOptions.DefaultUrls };
        var data = CliOptions.Optional("--data", "The data directory (SQLite file and slow log); default: a folder under the temp directory");
        var products = CliOptions.Optional("--products", "Products to seed (default 20000)");
        var pool = CliOptions.Optional("--pool", "Database connection pool size (default 8)");
        var longQuery = CliOptions.Optional("--long-query-time", "Log statements slower than this to the slow log, e.g. 10ms (default); 0 logs every statement");
        var createOnly = new Option<bool>("--create-only") { Description = "Only create and seed DATA/shop.db (the database the shop serves), then exit without serving" };
        var shop = new Command("shop", "Start the sample shop: browse, search, product, login, cart, checkout, /metrics and a MySQL-format slow log") { urls, data, products, pool, longQuery, createOnly };
        shop.SetAction(async (parse, ct) =>
        {
            var options = new ShopOptions { Urls = parse.GetValue(urls)! };
            if (parse.GetValue(data) is { } d) options.DataDirectory = Path.GetFullPath(d);
            if (parse.GetValue(products) is { } p) options.Products = CliOptions.Integer(p, "--products");
            if (parse.GetValue(pool) is { } n) options.DbPoolSize = CliOptions.Integer(n, "--pool");
            if (parse.GetValue(longQuery) is { } lq)
                options.LongQueryTime = lq == "0" ? TimeSpan.Zero : DurationText.TryParse(lq, out var threshold) ? threshold
                    : throw new BadInputException("invalid-duration", $"'{lq}' is not a duration", "e.g. 10ms, or 0 to log every statement", SourceLocation.ForField("--long-query-time"));
            if (parse.GetValue(createOnly))
            {
                string path;
                try { path = ShopApp.CreateDatabase(options); }
                catch (ArgumentException e) { throw new BadInputException("invalid-option", e.Message, null, SourceLocation.ForField("--" + (e.ParamName ?? "data").ToLowerInvariant())); }
                context.Out.WriteLine($"sample shop database created: {path} ({options.Products} products, {options.Users} users)");
                return 0;
            }
            Microsoft.AspNetCore.Builder.WebApplication app;
            try { app = ShopApp.Build(options, context.Time); }
            catch (ArgumentException e) { throw new BadInputException("invalid-option", e.Message, null, SourceLocation.ForField("--" + (e.ParamName ?? "urls"))); }
            await app.StartAsync(ct);
            context.Out.WriteLine($"sample shop listening on {options.Urls}; slow log: {options.EffectiveSlowLogPath}; Ctrl+C stops it");
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            return 0;
        });
        sample.Subcommands.Add(shop);
        return sample;
    }
}
