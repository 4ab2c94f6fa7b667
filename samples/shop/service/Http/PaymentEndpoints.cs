using System.Globalization;

namespace Hypercare.Samples.Shop.Http;

/// <summary>
/// A stand-in for an external payment provider, served by the shop itself so that checkout makes a real,
/// slow HTTP call: it answers after <see cref="ShopOptions.PaymentDelay"/> give or take the jitter.
/// </summary>
internal static class PaymentEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/payments/authorize", Authorize);

    private static async Task<IResult> Authorize(HttpRequest request, ShopContext shop, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
            return problem!;
        body.Integer("cart_id", 1, long.MaxValue);
        var amount = body.Amount("amount");
        var currency = body.Text("currency", 3);
        if (body.Problem() is { } invalid)
            return invalid;

        await Task.Delay(Delay(shop.Options), shop.Time, cancellationToken);
        var id = shop.NextAuthorization();
        return Results.Ok(new PaymentAuthorization($"auth-{id.ToString("D8", CultureInfo.InvariantCulture)}", true, amount, currency));
    }

    private static TimeSpan Delay(ShopOptions options)
    {
        if (options.PaymentJitter <= TimeSpan.Zero)
            return options.PaymentDelay;
        // The jitter models a remote service's variance; it needs no cryptographic quality.
#pragma warning disable CA5394
        var offset = ((Random.Shared.NextDouble() * 2) - 1) * options.PaymentJitter.TotalMilliseconds;
#pragma warning restore CA5394
        var delay = options.PaymentDelay + TimeSpan.FromMilliseconds(offset);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
