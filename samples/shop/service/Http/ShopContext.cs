using Hypercare.Samples.Shop.Data;
using Hypercare.Samples.Shop.Metrics;

namespace Hypercare.Samples.Shop.Http;

/// <summary>What the endpoints share: the options, the clock, the database and the measurements.</summary>
internal sealed class ShopContext(ShopOptions options, TimeProvider time, ShopDatabase database, ShopMetrics metrics)
{
    private string? _paymentAddress;
    private long _authorizations;

    public ShopOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public ShopDatabase Database { get; } = database;

    public ShopMetrics Metrics { get; } = metrics;

    /// <summary>
    /// Where the payment provider listens: the shop itself, known only once Kestrel has bound its port.
    /// </summary>
    public string PaymentAddress
    {
        get => Volatile.Read(ref _paymentAddress) ?? throw new InvalidOperationException("The shop has not started listening yet.");
        set => Volatile.Write(ref _paymentAddress, value);
    }

    /// <summary>The sequence number of the next payment authorization.</summary>
    public long NextAuthorization() => Interlocked.Increment(ref _authorizations);

    /// <summary>A timestamp column value: ISO 8601 UTC from the injected clock.</summary>
    public string Now() => Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
