using Bunit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using VidStudio.Core.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Components.Shared;
using VidStudio.Web.Data;
using VidStudio.Web.Presets;

namespace VidStudio.Tests.Studio;

/// <summary>The preset panel against a real SQLite database with the app's migrations.</summary>
public sealed class PresetPanelTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"presets-{Guid.NewGuid():N}.db");
    private ConversionOptions? _loaded;

    public async Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddDbContextFactory<VidStudioDbContext>(o => o.UseSqlite($"Data Source={_database}"));
        _context.Services.AddSingleton(TimeProvider.System);
        _context.Services.AddSingleton<PresetService>();
        // The panel acts for the signed-in user, checked by the circuit's session; here the local user of a server
        // without authentication, as the app's own session provider sees it.
        _context.Services.AddLogging();
        _context.Services.AddSingleton(Options.Create(new VidStudioSettings()));
        _context.Services.AddSingleton<UserService>();
        _context.Services.AddScoped<CircuitSession>();
        _context.Services.GetRequiredService<CircuitSession>().SetAuthenticationState(Task.FromResult(new AuthenticationState(LocalAuthenticationHandler.LocalUser)));
        await using var db = await _context.Services.GetRequiredService<IDbContextFactory<VidStudioDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    private IRenderedComponent<PresetPanel> Render(ConversionOptions current) => _context.Render<PresetPanel>(parameters => parameters
        .Add(p => p.Current, current)
        .Add(p => p.OnLoad, (ConversionOptions o) => _loaded = o));

    [Fact]
    public void Built_in_presets_are_listed_and_load_their_look_but_keep_the_outputs()
    {
        var panel = Render(new ConversionOptions { SaveTxt = true });

        panel.WaitForAssertion(() => Assert.Equal(PresetService.BuiltIn.Count, panel.FindAll("[data-preset]").Count));
        panel.Find("[data-preset='Amber terminal']").Click();

        Assert.Equal("#FFB000", _loaded!.TextColor);
        Assert.Equal(AsciiStyle.Gradient, _loaded.Style);
        Assert.True(_loaded.SaveTxt);
    }

    [Fact]
    public async Task The_current_look_saves_under_a_name_and_loads_back()
    {
        var current = new ConversionOptions { Width = 77, Style = AsciiStyle.Dots, TextColor = "#123456" };
        var panel = Render(current);

        panel.Find(".preset-name input").Input("My dots");
        panel.Find(".preset-save").Click();

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-preset='My dots']")));
        panel.Find("[data-preset='My dots']").Click();
        Assert.Equal(77, _loaded!.Width);
        Assert.Equal(AsciiStyle.Dots, _loaded.Style);
        Assert.Equal("#123456", _loaded.TextColor);
        var stored = await _context.Services.GetRequiredService<PresetService>().GetAsync("my dots", Caller.Local);
        Assert.Equal(77, stored!.Options.Width);
    }

    [Fact]
    public void A_built_in_name_cannot_be_overwritten()
    {
        var panel = Render(new ConversionOptions());

        panel.Find(".preset-name input").Input("Newspaper");
        panel.Find(".preset-save").Click();

        panel.WaitForAssertion(() => Assert.Contains("built-in preset", panel.Find(".preset-error").TextContent));
    }
}
