namespace Hypercare.Samples.Shop;

/// <summary>
/// How the sample shop is started: where it listens, where its data lives, how much data it seeds and how
/// its deliberately limited parts (database pool, payment dependency) behave. Every value has a default that
/// reproduces the demo; <see cref="Validate"/> rejects values the shop cannot run with.
/// </summary>
public sealed class ShopOptions
{
    /// <summary>The default listening address, the stress environment of the sample engagement.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>
    /// The addresses Kestrel listens on, separated by ';'. Only loopback hosts (127.0.0.1, [::1], localhost)
    /// are accepted; port 0 picks a free port (read it back from the server's addresses feature).
    /// </summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>
    /// The folder holding the SQLite file (<c>shop.db</c>, recreated and reseeded at every build) and the slow
    /// log. Created when missing. Defaults to <c>hypercare-sample-shop</c> in the temporary folder.
    /// </summary>
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "hypercare-sample-shop");

    /// <summary>How many products are seeded (default 20,000). The unindexed search gets slower as this grows.</summary>
    public int Products { get; set; } = 20_000;

    /// <summary>
    /// How many customers are seeded (default 1,000). Customer <c>n</c> (1-based) signs in as
    /// <c>user{n}@shop.example</c> with password <c>password-{n}</c>.
    /// </summary>
    public int Users { get; set; } = 1_000;

    /// <summary>The seed of the generated catalog and customers: the same seed gives the same data.</summary>
    public int Seed { get; set; } = 20271126;

    /// <summary>How many database connections may be open at once (default 8); further requests queue.</summary>
    public int DbPoolSize { get; set; } = 8;

    /// <summary>The slow-query log file; <see langword="null"/> means <c>slow.log</c> in <see cref="DataDirectory"/>.</summary>
    public string? SlowLogPath { get; set; }

    /// <summary>
    /// Statements that run at least this long are written to the slow log (default 10 ms, MySQL's
    /// <c>long_query_time</c>); zero logs every statement.
    /// </summary>
    public TimeSpan LongQueryTime { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long the payment provider takes to authorize a checkout (default 60 ms).</summary>
    public TimeSpan PaymentDelay { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>
    /// The payment delay varies uniformly by up to this much either way (default 20 ms); at most
    /// <see cref="PaymentDelay"/>.
    /// </summary>
    public TimeSpan PaymentJitter { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether the shop logs to the console (default true); a host that prints its own output turns it off.</summary>
    public bool ConsoleLog { get; set; } = true;

    /// <summary>The slow log path in effect: <see cref="SlowLogPath"/> or its default.</summary>
    public string EffectiveSlowLogPath => SlowLogPath ?? Path.Combine(DataDirectory, "slow.log");

    /// <summary>The SQLite file of the shop.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "shop.db");

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        ValidateUrls();
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw new ArgumentException("DataDirectory must name a folder.", nameof(DataDirectory));
        if (Products is < 1 or > 10_000_000)
            throw new ArgumentException($"Products must be between 1 and 10,000,000, not {Products}.", nameof(Products));
        if (Users is < 1 or > 1_000_000)
            throw new ArgumentException($"Users must be between 1 and 1,000,000, not {Users}.", nameof(Users));
        if (DbPoolSize is < 1 or > 1024)
            throw new ArgumentException($"DbPoolSize must be between 1 and 1024, not {DbPoolSize}.", nameof(DbPoolSize));
        if (SlowLogPath is not null && string.IsNullOrWhiteSpace(SlowLogPath))
            throw new ArgumentException("SlowLogPath must name a file, or be null for the default.", nameof(SlowLogPath));
        if (LongQueryTime < TimeSpan.Zero)
            throw new ArgumentException($"LongQueryTime must not be negative, not {LongQueryTime}.", nameof(LongQueryTime));
        if (PaymentDelay < TimeSpan.Zero || PaymentDelay > TimeSpan.FromMinutes(1))
            throw new ArgumentException($"PaymentDelay must be between 0 and 1 minute, not {PaymentDelay}.", nameof(PaymentDelay));
        if (PaymentJitter < TimeSpan.Zero || PaymentJitter > PaymentDelay)
            throw new ArgumentException(
                $"PaymentJitter must be between 0 and PaymentDelay ({PaymentDelay}), not {PaymentJitter}.", nameof(PaymentJitter));
    }

    private void ValidateUrls()
    {
        if (string.IsNullOrWhiteSpace(Urls))
            throw new ArgumentException("Urls must name at least one address such as http://127.0.0.1:8080.", nameof(Urls));
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
                || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
                throw new ArgumentException($"Urls: '{url}' is not an address such as http://127.0.0.1:8080.", nameof(Urls));
            // The shop is a stress target: it must never be reachable from outside this machine.
            if (uri.Host is not ("127.0.0.1" or "[::1]" or "localhost"))
                throw new ArgumentException(
                    $"Urls: '{url}' is not a loopback address; the shop listens on 127.0.0.1, [::1] or localhost only.",
                    nameof(Urls));
        }
    }
}
