using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;
using VidStudio.Web.Components.Shared;
using VidStudio.Web.Studio;

namespace VidStudio.Tests.Studio;

public sealed class ParameterPanelTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FontSet _fonts = new();
    private ConversionOptions? _changed;

    public ParameterPanelTests()
    {
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(new StyleSamples(_fonts));
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        // The font's upload stores into the database and the job storage: the browser tests (FontBrowserTests) drive it.
        _context.ComponentFactories.AddStub<FontUpload>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        _fonts.Dispose();
    }

    private IRenderedComponent<ParameterPanel> Render(ConversionOptions options) => _context.Render<ParameterPanel>(parameters => parameters
        .Add(p => p.Options, options)
        .Add(p => p.SourceFps, 25)
        .Add(p => p.OptionsChanged, (ConversionOptions o) => _changed = o));

    [Fact]
    public void Moving_the_width_slider_sets_width()
    {
        var panel = Render(new ConversionOptions());

        panel.Find(".width-slider input[type=range]").Input("80");

        Assert.Equal(80, _changed!.Width);
        Assert.Contains("<b>80</b>", panel.Markup);
    }

    [Fact]
    public void Glyph_contrast_is_offered_in_cell_colours_only_and_sets_its_value()
    {
        Assert.Empty(Render(new ConversionOptions { Style = AsciiStyle.Shape }).FindAll(".glyph-contrast-slider"));

        var panel = Render(new ConversionOptions { Style = AsciiStyle.Shape, ColorMode = ColorMode.Cell });
        panel.Find(".glyph-contrast-slider input[type=range]").Input("0.3");

        Assert.Equal(0.3, _changed!.GlyphContrast);
    }

    [Fact]
    public void Symbols_are_offered_for_shape_styles_only_and_an_empty_choice_says_the_styles_default()
    {
        Assert.Empty(Render(new ConversionOptions { Style = AsciiStyle.Blocks }).FindAll(".symbols-select"));

        var panel = Render(new ConversionOptions { Style = AsciiStyle.Mosaic });

        Assert.Contains("mosaic's own: octants, blocks, shades", panel.Find(".symbols-select").OuterHtml);
    }

    [Theory]
    [InlineData(".brightness-slider", "1.5")]
    [InlineData(".contrast-slider", "0.75")]
    [InlineData(".gamma-slider", "1.8")]
    public void Correction_sliders_set_their_value(string slider, string value)
    {
        var panel = Render(new ConversionOptions());

        panel.Find($"{slider} input[type=range]").Input(value);

        var expected = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var actual = slider switch { ".brightness-slider" => _changed!.Brightness, ".contrast-slider" => _changed!.Contrast, _ => _changed!.Gamma };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_style_has_a_rendered_sample_and_choosing_one_sets_it()
    {
        var panel = Render(new ConversionOptions());

        Assert.Equal(Enum.GetValues<AsciiStyle>().Length, panel.FindAll(".style-choice img[src^='data:image/png;base64,']").Count);
        panel.Find(".style-braille").Click();

        Assert.Equal(AsciiStyle.Braille, _changed!.Style);
    }

    [Fact]
    public void Output_switches_and_fps_produce_the_right_options()
    {
        var panel = Render(new ConversionOptions());

        panel.Find(".save-txt-switch input").Change(true);
        Assert.True(_changed!.SaveTxt);
        panel.Find(".fps-slider input[type=checkbox]").Change(false);
        Assert.Equal(25, _changed!.Fps);
    }

    [Fact]
    public void A_custom_ramp_that_is_too_short_is_explained_at_the_field()
    {
        var panel = Render(new ConversionOptions { Style = AsciiStyle.Custom, Charset = "#" });

        Assert.Contains("style=custom needs a charset of 2 to 64 characters", panel.Find(".charset-field").TextContent);
        panel.Find(".charset-field input").Input(" .oO@");
        Assert.Equal(" .oO@", _changed!.Charset);
        Assert.DoesNotContain("needs a charset", panel.Find(".charset-field").TextContent);
    }

    [Fact]
    public void Every_parameter_of_the_table_has_a_control_carrying_its_help()
    {
        // Two looks between them show every conditional field: the custom ramp and cell colours, then a shape style's stability.
        var shown = new[]
            {
                new ConversionOptions { Style = AsciiStyle.Custom, ColorMode = ColorMode.Cell, RandomColors = true, SaveGif = true, Fps = 30 },
                new ConversionOptions { Style = AsciiStyle.Shape },
            }
            .SelectMany(options => Render(options).FindAll("[title]").Select(e => e.GetAttribute("title")))
            .ToHashSet();

        Assert.All(ConversionParameters.All, parameter => Assert.Contains(parameter.Help, shown));
    }

    [Fact]
    public void The_font_field_has_the_font_upload_under_it_working_on_the_panel_s_options()
    {
        var options = new ConversionOptions { Width = 90, Font = "liberation-mono" };
        var panel = Render(options);

        var upload = Assert.Single(panel.FindComponents<Stub<FontUpload>>());
        Assert.Equal(options, upload.Instance.Parameters.Get(p => p.Options));
    }

    [Fact]
    public void Asking_for_the_webm_with_alpha_turns_the_transparent_background_on()
    {
        var panel = Render(new ConversionOptions());

        panel.Find(".save-webm-alpha-switch input").Change(true);

        Assert.True(_changed!.SaveWebmAlpha);
        Assert.True(_changed.TransparentBg);
    }

    [Fact]
    public void Turning_every_output_off_says_so()
    {
        var panel = Render(new ConversionOptions { SavePng = false, SaveMp4 = false, SaveTxt = false });

        Assert.Contains("enable at least one", panel.Find(".error-outputs").TextContent);
    }

    [Fact]
    public void Combinations_that_do_nothing_are_explained_where_they_are_made()
    {
        var panel = Render(new ConversionOptions { TransparentBg = true, SavePng = false, RandomColors = true, ColorMode = ColorMode.Source });

        Assert.Contains("only affects PNG", panel.Find(".hint-transparent").TextContent);
        Assert.Contains("ignored", panel.Find(".hint-random-source").TextContent);
    }
}
