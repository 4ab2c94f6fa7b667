namespace Hypercare.Samples.Shop.Tests;

/// <summary>Options the shop cannot run with are refused before anything is created.</summary>
public sealed class ShopOptionsTests
{
    public static TheoryData<Action<ShopOptions>, string> Invalid => new()
    {
        { o => o.Urls = "", "Urls" },
        { o => o.Urls = "http://0.0.0.0:8080", "Urls" },
        { o => o.Urls = "http://127.0.0.1:8080;http://10.0.0.5:8080", "Urls" },
        { o => o.Urls = "https://127.0.0.1:8443", "Urls" },
        { o => o.DataDirectory = " ", "DataDirectory" },
        { o => o.Products = 0, "Products" },
        { o => o.Users = 0, "Users" },
        { o => o.DbPoolSize = 0, "DbPoolSize" },
        { o => o.SlowLogPath = "", "SlowLogPath" },
        { o => o.LongQueryTime = TimeSpan.FromMilliseconds(-1), "LongQueryTime" },
        { o => o.PaymentDelay = TimeSpan.FromMilliseconds(-1), "PaymentDelay" },
        { o => o.PaymentJitter = TimeSpan.FromSeconds(1), "PaymentJitter" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_out_of_range_option_is_refused_by_name(Action<ShopOptions> change, string option)
    {
        var options = new ShopOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid().ToString("N")) };
        change(options);
        var error = Assert.Throws<ArgumentException>(() => ShopApp.Build(options, TimeProvider.System));
        Assert.Equal(option, error.ParamName);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.DataDirectory));
    }

    [Fact]
    public void The_defaults_are_those_of_the_demo()
    {
        var options = new ShopOptions();
        options.Validate();
        Assert.Equal("http://127.0.0.1:8080", options.Urls);
        Assert.Equal(20_000, options.Products);
        Assert.Equal(1_000, options.Users);
        Assert.Equal(8, options.DbPoolSize);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.LongQueryTime);
        Assert.Equal(TimeSpan.FromMilliseconds(60), options.PaymentDelay);
        Assert.Equal(Path.Combine(options.DataDirectory, "slow.log"), options.EffectiveSlowLogPath);
    }
}
