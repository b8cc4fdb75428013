using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace VidStudio.Tests.Support;

/// <summary>
/// axe-core, the accessibility checker, run in a page: the script comes from npm (VidStudio.Tests/package.json, installed
/// by <c>scripts/install-deps.sh --test</c>) and is added as a script tag whose address the browser answers itself on the
/// page's own origin, so the page's Content-Security-Policy (no inline script) lets it run unchanged.
/// </summary>
public static class Axe
{
    private const string ScriptAddress = "/__tests/axe.min.js";

    private static readonly Lazy<byte[]> Script = new(() =>
    {
        var path = Path.Combine(Repository.Root ?? AppContext.BaseDirectory, "VidStudio.Tests", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"axe-core is not installed at {path}: run scripts/install-deps.sh --test (npm ci in VidStudio.Tests).", path);
    });

    /// <summary>One rule broken on the page: its id, impact (minor, moderate, serious, critical) and the elements that break it.</summary>
    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
    {
        public bool IsSerious => Impact is "serious" or "critical";

        public override string ToString() => $"{Id} ({Impact}): {Help}\n    " + string.Join("\n    ", Targets);
    }

    /// <summary>Every rule axe finds broken in the page as it is now.</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        // Blazor moves between its pages without a load: the script stays until the browser really loads another document.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            var address = new Uri(new Uri(page.Url), ScriptAddress).AbsoluteUri;
            // Read here, not in the route handler: Playwright swallows a handler's exception and the script tag then waits forever.
            var script = Script.Value;
            await page.RouteAsync(address, route => route.FulfillAsync(new RouteFulfillOptions { BodyBytes = script, ContentType = "text/javascript" }));
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = address });
            await page.UnrouteAsync(address);
        }

        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }))
            """);
        return [.. found.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
            [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))];
    }

    /// <summary>Fails with every serious or critical violation's id and targets; the lesser ones are written to the test output.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where, ITestOutputHelper output)
    {
        var violations = await RunAsync(page);
        foreach (var minor in violations.Where(v => !v.IsSerious))
        {
            output.WriteLine($"{where}: {minor}");
        }

        var serious = violations.Where(v => v.IsSerious).ToList();
        Assert.True(serious.Count == 0, $"axe-core finds {serious.Count} serious or critical violations on {where}:\n" + string.Join("\n", serious));
    }
}
