#:sdk Microsoft.NET.Sdk.Web
#:project ../service/Hypercare.Samples.Shop.csproj

// Starts the sample shop from the command line until Ctrl+C, for load runs that need no CLI:
//   dotnet run ShopHost.cs -- <urls> <data-directory> [long-query-time-ms]
using System.Globalization;
using Hypercare.Samples.Shop;

var options = new ShopOptions
{
    Urls = args.Length > 0 ? args[0] : ShopOptions.DefaultUrls,
    DataDirectory = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "hypercare-sample-shop"),
};
if (args.Length > 2)
    options.LongQueryTime = TimeSpan.FromMilliseconds(double.Parse(args[2], CultureInfo.InvariantCulture));
var app = ShopApp.Build(options, TimeProvider.System);
await app.RunAsync();
