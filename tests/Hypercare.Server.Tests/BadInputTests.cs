using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypercare.Server.Tests;

/// <summary>
/// Every endpoint that takes a body, enumerated from the application, fed malformed JSON, the wrong shape, missing
/// fields, wrong types in each field, over-long text in each field and an oversized body: each answer is a
/// 4xx problem document that names the field, never a 500.
/// </summary>
public class BadInputTests
{
    private static async Task<(int Status, JsonElement Problem)> Send(HttpClient client, string method, string url, string body, string type = "application/json")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, type) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return ((int)response.StatusCode, problem);
    }

    private static IEnumerable<string?> Fields(JsonElement problem) =>
        problem.ValueKind == JsonValueKind.Object ? problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()) : [];

    [Fact]
    public async Task EveryWriteEndpoint_RefusesBadBodiesWithAProblemNamingTheField()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var client = app.Client(Caller.ProviderAdministrator);
        var failures = new List<string>();
        var writes = AuthorizationMatrixContract.Endpoints(app.Services).Where(e => e.Method is "POST" or "PUT" or "PATCH" && e.Name is not "SignOut" and not "ImportEngagement").ToList();
        Assert.True(writes.Count >= 20, $"{writes.Count} write endpoints");

        foreach (var (name, method, pattern) in writes)
        {
            var url = AuthorizationMatrixContract.Url(pattern, app);
            using var sample = AuthorizationMatrixContract.Request(name, method, pattern, app);
            var valid = JsonNode.Parse(await sample.Content!.ReadAsStringAsync())!.AsObject();

            void Expect(string what, (int Status, JsonElement Problem) r, string? field = null, int status = 400)
            {
                if (r.Status != status) failures.Add($"{name} {what}: {r.Status}, expected {status}: {r.Problem}");
                else if (r.Problem.ValueKind != JsonValueKind.Object) failures.Add($"{name} {what}: no problem document");
                else if (field is not null && !Fields(r.Problem).Contains(field)) failures.Add($"{name} {what}: the problem does not name '{field}': {r.Problem}");
            }

            Expect("malformed JSON", await Send(client, method, url, "{\"title\": "));
            Expect("a list instead of an object", await Send(client, method, url, "[]"));
            Expect("text/plain", await Send(client, method, url, valid.ToJsonString(), "text/plain"), status: 415);
            Expect("2 MiB body", await Send(client, method, url, "{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"), status: 413);
            Expect("an unknown field", await Send(client, method, url, new JsonObject(valid.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).Append(KeyValuePair.Create("surprise", (JsonNode?)JsonValue.Create(1)))).ToJsonString()), "surprise");

            foreach (var property in valid)
            {
                var wrong = JsonNode.Parse(valid.ToJsonString())!.AsObject();
                wrong[property.Key] = new JsonObject { ["nested"] = 1 };
                Expect($"'{property.Key}' as an object", await Send(client, method, url, wrong.ToJsonString()), property.Key);

                var missing = JsonNode.Parse(valid.ToJsonString())!.AsObject();
                missing.Remove(property.Key);
                var r = await Send(client, method, url, missing.ToJsonString());
                if (r.Status == 500) failures.Add($"{name} without '{property.Key}': 500");

                if (property.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    var huge = JsonNode.Parse(valid.ToJsonString())!.AsObject();
                    huge[property.Key] = new string('x', 5000);
                    var h = await Send(client, method, url, huge.ToJsonString());
                    if (h.Status is not (400 or 409) || (h.Status == 400 && !Fields(h.Problem).Any(f => f is not null && f.StartsWith(property.Key, StringComparison.Ordinal))))
                        failures.Add($"{name} with a 5000-character '{property.Key}': {h.Status} {h.Problem}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Import_RefusesBadYamlWrongTypesAndOversizedBodies()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var client = app.Client(Caller.ProviderAdministrator);
        var url = $"/api/v1/engagements?organization_id={app.CustomerId}";
        Assert.Equal(400, (await Send(client, "POST", url, "engagement:\n  name: \"open", "application/yaml")).Status);
        Assert.Equal(400, (await Send(client, "POST", url, "", "application/yaml")).Status);
        Assert.Equal(400, (await Send(client, "POST", url, "[]", "application/json")).Status);
        Assert.Equal(400, (await Send(client, "POST", url, "{\"file\": 3}", "application/json")).Status);
        Assert.Equal(400, (await Send(client, "POST", url, "{\"file\": \"engagement: {}\", \"companions\": [{\"name\": \"../../etc/passwd\", \"text\": \"x\"}]}", "application/json")).Status);
        Assert.Equal(400, (await Send(client, "POST", "/api/v1/engagements?organization_id=nope", "engagement: {}", "application/yaml")).Status);
        Assert.Equal(415, (await Send(client, "POST", url, "<xml/>", "application/xml")).Status);
        Assert.Equal(413, (await Send(client, "POST", url, new string('#', 2 * 1024 * 1024), "application/yaml")).Status);
    }

    [Fact]
    public async Task RouteValues_ThatAreNotValid_AreNamed()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var client = app.Client(Caller.ProviderAdministrator);
        var guards = await client.GetAsync($"/api/v1/engagements/{app.EngagementId}/guards/nowhere");
        Assert.Equal(HttpStatusCode.BadRequest, guards.StatusCode);
        Assert.Contains("'nowhere' is not a valid state", await guards.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/engagements/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/engagements/{Guid.NewGuid()}")).StatusCode);
    }
}
