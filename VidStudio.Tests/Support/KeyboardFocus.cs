using System.Text.Json;
using Microsoft.Playwright;
using SkiaSharp;
using Xunit.Abstractions;

namespace VidStudio.Tests.Support;

/// <summary>A page worked by keyboard alone: where Tab goes, and whether the user can see where the focus is.</summary>
public static class KeyboardFocus
{
    /// <summary>
    /// Presses Tab from the top of the page until the focus comes round again. Fails unless every control that can take
    /// the focus (visible, enabled, not taken out of the order) was reached, and unless each, focused, looks different
    /// from itself unfocused around its box (a ring, a border, a colour). Returns the stops, one description each.
    /// </summary>
    public static async Task<List<string>> WalkByTabAsync(IPage page, string name, ITestOutputHelper output)
    {
        var controls = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('a[href], button, input, select, textarea, video[controls], [tabindex]')]
                .filter(e => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                .map((e, i) => { e.dataset.tabControl = i; return `${i}`; })
            """);
        var stops = new List<string>();
        var unseen = new HashSet<string>(controls);
        var invisible = new List<string>();
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        for (var press = 0; press < (controls.Length * 2) + 10; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement>("""
                () => {
                    const e = document.activeElement;
                    if (!e || e === document.body) return null;
                    const r = e.getBoundingClientRect();
                    return { control: e.dataset.tabControl ?? '', describe: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`,
                             x: r.x, y: r.y, width: r.width, height: r.height };
                }
                """);
            if (focused.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var control = focused.GetProperty("control").GetString()!;
            var describe = focused.GetProperty("describe").GetString()!;
            if (stops.Count > 0 && stops[0] == describe)
            {
                break;
            }

            stops.Add(describe);
            unseen.Remove(control);
            var clip = Around(page, focused);
            var withFocus = await page.ScreenshotAsync(new PageScreenshotOptions { Clip = clip, Animations = ScreenshotAnimations.Disabled });
            if (stops.Count % 15 == 1)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.ScreenshotPath($"a11y-{name}-focus-{stops.Count}.png"), Animations = ScreenshotAnimations.Disabled });
            }

            // Blurred, the next Tab still starts from here (Chromium keeps the sequential focus starting point).
            await page.EvaluateAsync("() => document.activeElement.blur()");
            var withoutFocus = await page.ScreenshotAsync(new PageScreenshotOptions { Clip = clip, Animations = ScreenshotAnimations.Disabled });
            var changed = ChangedPixels(withFocus, withoutFocus);
            if (changed < MinFocusPixels)
            {
                invisible.Add($"{describe} ({changed} pixels change)");
            }
        }

        output.WriteLine($"{name}: {stops.Count} Tab stops:\n  " + string.Join("\n  ", stops));
        var missed = await page.EvaluateAsync<string[]>("""
            ids => ids.map(i => document.querySelector(`[data-tab-control="${i}"]`)).filter(e => e)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} "${e.getAttribute('aria-label') ?? e.textContent.trim().slice(0, 40)}"`)
            """, unseen.ToArray());
        Assert.True(missed.Length == 0, $"Tab never reaches {missed.Length} controls of the {name} page:\n  " + string.Join("\n  ", missed));
        Assert.True(invisible.Count == 0, $"{invisible.Count} controls of the {name} page look the same focused and unfocused:\n  " + string.Join("\n  ", invisible));
        return stops;
    }

    /// <summary>A ring or a shadow around a control of ~20 px is well over this many pixels.</summary>
    private const int MinFocusPixels = 40;

    /// <summary>The control's box with room for a ring around it, inside the viewport.</summary>
    private static Clip Around(IPage page, JsonElement box)
    {
        const double Margin = 8;
        var viewport = page.ViewportSize!;
        var left = Math.Max(0, box.GetProperty("x").GetDouble() - Margin);
        var top = Math.Max(0, box.GetProperty("y").GetDouble() - Margin);
        var right = Math.Min(viewport.Width, box.GetProperty("x").GetDouble() + box.GetProperty("width").GetDouble() + Margin);
        var bottom = Math.Min(viewport.Height, box.GetProperty("y").GetDouble() + box.GetProperty("height").GetDouble() + Margin);
        return new Clip { X = (float)left, Y = (float)top, Width = (float)Math.Max(1, right - left), Height = (float)Math.Max(1, bottom - top) };
    }

    /// <summary>Pixels whose colour differs clearly (more than a rounding or anti-aliasing step in some channel).</summary>
    private static int ChangedPixels(byte[] first, byte[] second)
    {
        using var a = SKBitmap.Decode(first);
        using var b = SKBitmap.Decode(second);
        if (a.Width != b.Width || a.Height != b.Height)
        {
            return int.MaxValue;
        }

        return a.Pixels.Zip(b.Pixels).Count(p =>
            Math.Max(Math.Abs(p.First.Red - p.Second.Red), Math.Max(Math.Abs(p.First.Green - p.Second.Green), Math.Abs(p.First.Blue - p.Second.Blue))) > 40);
    }
}
