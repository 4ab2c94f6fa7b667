using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Hypercare.Server.Tests;

/// <summary>
/// A test that drives Debian's Chromium. Without it the test is skipped, except under CI (CI=true), where a
/// missing browser must fail rather than pass as a skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && !Hypercare.Data.Tests.DatabaseProviders.IsCi)
            Skip = $"Chromium is not installed at {Chromium}; ./test.sh installs it";
    }
}

/// <summary>The web pages in a real browser: two organizations, two people, one engagement.</summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;
    private static readonly string Shots = ScreenshotFolder();

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string ScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "hypercare.slnx"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, ".artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private async Task<IPage> SignInAsync(HypercareApp app, Caller caller)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Address.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url);
        await page.FillAsync("#email", HypercareApp.People[caller].Email);
        await page.FillAsync("#password", HypercareApp.Password);
        await Submit(page, "button[type=submit]");
        if (page.Url.Contains("/signin", StringComparison.Ordinal))
            Assert.Fail($"{caller} could not sign in: {page.Url} {await page.Locator("main").InnerTextAsync()}");
        return page;
    }

    /// <summary>Clicks a form's button and waits for the page the server redirects to.</summary>
    private static async Task Submit(IPage page, string selector)
    {
        // Every form posts and is redirected to a page: wait for that page's response, then for its document. The
        // POST's own answer is watched too, so that an answer other than a redirect fails here with what the server
        // said, and a click the page did not turn into a POST (it can land while the page is still settling) is
        // repeated once instead of waiting out the timeout.
        var redirected = page.WaitForResponseAsync(r => r.Request.IsNavigationRequest && r.Request.RedirectedFrom?.Method == "POST");
        for (var attempt = 1; ; attempt++)
        {
            var posted = page.WaitForRequestAsync(r => r.Method == "POST" && r.IsNavigationRequest, new PageWaitForRequestOptions { Timeout = 10_000 });
            await page.ClickAsync(selector);
            try
            {
                var post = await posted;
                if (await post.ResponseAsync() is { Status: < 300 or >= 400 } answer)
                    Assert.Fail($"{post.Url} answered {answer.Status} instead of redirecting: {await answer.TextAsync()}");
                break;
            }
            catch (TimeoutException) when (attempt == 1)
            {
            }
        }
        await redirected;
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static Task Shot(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}.png"), FullPage = true });

    private static async Task ExpectFlash(IPage page, string text)
    {
        var error = page.Locator(".alert.error");
        if (await error.CountAsync() > 0) Assert.Fail($"the page says: {await error.InnerTextAsync()}");
        Assert.Contains(text, await page.Locator(".alert.ok").InnerTextAsync());
    }

    [BrowserFact]
    public async Task FirstStart_TheSetupLinkCreatesTheAdministrator_WhoSignsIn()
    {
        await using var app = await HypercareApp.EmptyAsync("sqlite", kestrel: true);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/setup?token={app.SetupToken()}");
        await page.FillAsync("input[name=organization]", "Hypercare Services");
        await page.FillAsync("input[name=name]", "Ravi Menon");
        await page.FillAsync("input[name=email]", "ravi@hypercare.example");
        // The browser's own check stops a short password; the server's rules are tested with a long but weak one.
        await page.FillAsync("input[name=password]", "aaaaaaaaaaaaaaaa");
        await Submit(page, "button[type=submit]");
        Assert.Contains("at least 5 different characters", await page.Locator(".alert.error").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await Shot(page, "setup-weak-password");
        // The link still works after a mistake.
        await page.FillAsync("input[name=organization]", "Hypercare Services");
        await page.FillAsync("input[name=name]", "Ravi Menon");
        await page.FillAsync("input[name=email]", "ravi@hypercare.example");
        await page.FillAsync("input[name=password]", HypercareApp.Password);
        await Submit(page, "button[type=submit]");
        await ExpectFlash(page, "administrator account is ready");
        await page.FillAsync("#email", "ravi@hypercare.example");
        await page.FillAsync("#password", HypercareApp.Password);
        await Submit(page, "button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Engagements");
        await Shot(page, "empty-engagement-list");
        // Used once, the link is gone.
        await page.GotoAsync($"/setup?token={app.SetupToken()}");
        Assert.Equal(HttpStatusCode.Conflict, (await app.Client(Caller.Anonymous).PostAsJsonAsync("/api/v1/setup", new { token = app.SetupToken(), organization = "X", name = "X", email = "x@x.example", password = HypercareApp.Password })).StatusCode);
    }

    [BrowserFact]
    public async Task ProviderAndCustomer_TakeARequestToAConfirmedWorkPlan_AndAnotherCustomerSeesNothing()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite", kestrel: true);
        var dana = await SignInAsync(app, Caller.CustomerProjectManager);
        var ravi = await SignInAsync(app, Caller.ProviderAdministrator);

        // The customer's project manager submits a request; the lead-time check follows the dates as they are typed.
        await dana.GotoAsync("/requests/new");
        await dana.FillAsync("input[name=Name]", "Cyber Week 2027");
        await dana.FillAsync("input[name=PhaseStart]", "2027-11-26");
        await dana.FillAsync("input[name=PhaseEnd]", "2027-11-29");
        await dana.FillAsync("#order", "2027-09-10");
        await Assertions.Expect(dana.Locator("#leadtime")).ToContainTextAsync("earliest valid order date is 2027-09-24");
        await Shot(dana, "request-too-early");
        await dana.FillAsync("#order", "2027-10-01");
        await Assertions.Expect(dana.Locator("#leadtime")).ToContainTextAsync("OK: 20 full business days");
        await dana.FillAsync("input[name=PeakRps]", "2000/s");
        await dana.FillAsync("input[name=PeakConcurrentUsers]", "500");
        await dana.FillAsync("input[name=P99]", "300ms");
        await dana.FillAsync("input[name=OtherName]", "Ravi Menon");
        await dana.FillAsync("input[name=OtherEmail]", HypercareApp.People[Caller.ProviderAdministrator].Email);
        await Shot(dana, "request-form");
        await Submit(dana, "#request-form button[type=submit]");
        await ExpectFlash(dana, "Request submitted");
        var engagement = new Uri(dana.Url).AbsolutePath;

        // The provider reviews and accepts it, and moves it to preparation.
        await ravi.GotoAsync(engagement);
        await Submit(ravi, "#accept");
        await ExpectFlash(ravi, "Request accepted");
        await Submit(ravi, "#advance");
        await ExpectFlash(ravi, "moved on");
        await Submit(ravi, "#advance");
        await Assertions.Expect(ravi.Locator(".badge.big")).ToHaveTextAsync("preparation");

        // The customer provides what the work needs.
        await dana.GotoAsync(engagement);
        foreach (var box in await dana.Locator("#prerequisites input[name=kinds]").AllAsync()) await box.CheckAsync();
        await Submit(dana, "#provide");
        await ExpectFlash(dana, "Prerequisites recorded");

        // The provider writes the plan; the customer's project manager confirms it in writing.
        await ravi.GotoAsync($"{engagement}/plan");
        await ravi.FillAsync("#plan-item-form input[name=title]", "Stress test to 2,000 req/s");
        await ravi.SelectOptionAsync("#plan-item-form select[name=service]", "stress-testing");
        await ravi.FillAsync("#plan-item-form input[name=start]", "2027-10-25");
        await ravi.FillAsync("#plan-item-form input[name=due]", "2027-11-05");
        await Submit(ravi, "#add-item");
        await ExpectFlash(ravi, "Item added");
        await dana.GotoAsync($"{engagement}/plan");
        await Shot(dana, "work-plan-review");
        await Submit(dana, "#confirm-plan");
        await ExpectFlash(dana, "Work plan confirmed");
        Assert.Contains("Confirmed by", await dana.Locator("#plan-v1").InnerTextAsync());

        await ravi.GotoAsync(engagement);
        await Submit(ravi, "#advance");
        await Assertions.Expect(ravi.Locator(".badge.big")).ToHaveTextAsync("implementation");
        await ravi.SelectOptionAsync("#document-form select[name=document]", "service-design");
        await ravi.SelectOptionAsync("#document-form select[name=status]", "delivered");
        await Submit(ravi, "#document-form button[type=submit]");
        await ExpectFlash(ravi, "Document status recorded");
        await Shot(ravi, "engagement-overview");
        await ravi.GotoAsync($"{engagement}/members");
        await Shot(ravi, "members");
        await ravi.GotoAsync("/");
        await Assertions.Expect(ravi.Locator("#engagements")).ToContainTextAsync("Cyber Week 2027");
        await Shot(ravi, "engagement-list");

        // Someone from another customer sees none of it.
        var eve = await SignInAsync(app, Caller.OtherCustomer);
        await Assertions.Expect(eve.Locator("h2")).ToContainTextAsync("No engagements yet");
        var response = await eve.GotoAsync(engagement);
        Assert.Equal(404, response!.Status);
        Assert.DoesNotContain("Cyber Week", await eve.ContentAsync());
        await Shot(eve, "other-customer-not-found");
    }
}
