using System.Reflection;
using VidStudio.Core.Options;

namespace VidStudio.Tests.Engine;

[Trait("Category", "Unit")]
public class OptionsTests
{
    [Fact]
    public void Defaults_follow_the_spec_and_are_valid()
    {
        var options = new ConversionOptions();
        Assert.Empty(options.Validate());
        Assert.Equal((120, AsciiStyle.Normal, 23, "#000000", "#00FF00"), (options.Width, options.Style, options.Crf, options.BgColor, options.TextColor));
        Assert.True(options.SavePng && options.SaveMp4 && !options.SaveTxt);
    }

    [Theory]
    [InlineData("width", "5", "width", "10 and 240")]
    [InlineData("width", "241", "width", "10 and 240")]
    [InlineData("brightness", "2.5", "brightness", "0.5 and 2.0")]
    [InlineData("contrast", "0.1", "contrast", "0.5 and 2.0")]
    [InlineData("gamma", "NaN", "gamma", "must be a number")]
    [InlineData("fps", "0", "fps", "1 and 120")]
    [InlineData("crf", "52", "crf", "0 (lossless) and 51")]
    [InlineData("bg_color", "red", "bg_color", "#RRGGBB")]
    [InlineData("text_color", "#12345", "text_color", "#RRGGBB")]
    [InlineData("style", "xyz", "style", "normal, inverted, dots")]
    [InlineData("color_mode", "rainbow", "color_mode", "fixed")]
    [InlineData("width", "wide", "width", "whole number")]
    [InlineData("save_png", "maybe", "save_png", "true or false")]
    [InlineData("stability", "1.5", "stability", "0.0 and 1.0")]
    [InlineData("stability", "-0.1", "stability", "0.0 and 1.0")]
    [InlineData("auto_levels", "maybe", "auto_levels", "true or false")]
    [InlineData("gif_width", "10", "gif_width", "64 and 1920")]
    [InlineData("save_gif", "perhaps", "save_gif", "true or false")]
    [InlineData("style", "shapes", "style", "shape, shape_blocks")]
    [InlineData("color_mode", "cells", "color_mode", "cell")]
    [InlineData("dither", "floyd", "dither", "none, ordered, diffusion, blue_noise")]
    [InlineData("dither_strength", "1.5", "dither_strength", "0.0 and 1.0")]
    [InlineData("dither_strength", "strong", "dither_strength", "must be a number")]
    public void A_bad_value_is_reported_with_its_field_and_the_allowed_range(string field, string value, string expectedField, string expectedText)
    {
        var (options, parseErrors) = ConversionOptionsParser.Parse([new(field, value)], new ConversionOptions());
        var errors = parseErrors.Concat(options.Validate()).ToList();

        var error = Assert.Single(errors);
        Assert.Equal(expectedField, error.Field);
        Assert.Contains(expectedText, error.Message);
    }

    [Fact]
    public void Custom_style_needs_a_charset_of_two_to_sixty_four_characters()
    {
        Assert.Contains(new ConversionOptions { Style = AsciiStyle.Custom }.Validate(), e => e.Field == "charset");
        Assert.Contains(new ConversionOptions { Style = AsciiStyle.Custom, Charset = "x" }.Validate(), e => e.Field == "charset");
        Assert.Contains(new ConversionOptions { Style = AsciiStyle.Custom, Charset = new string('x', 65) }.Validate(), e => e.Field == "charset");
        Assert.Empty(new ConversionOptions { Style = AsciiStyle.Custom, Charset = " .oO@" }.Validate());
    }

    [Fact]
    public void Asking_for_no_output_at_all_is_an_error()
    {
        var errors = new ConversionOptions { SavePng = false, SaveMp4 = false, SaveTxt = false }.Validate();
        Assert.Contains(errors, e => e.Message.Contains("at least one"));
    }

    [Fact]
    public void Parser_reads_form_values_and_keeps_defaults_for_empty_fields()
    {
        var (options, errors) = ConversionOptionsParser.Parse(
        [
            new("width", "100"), new("style", "Braille"), new("brightness", "1.5"), new("save_mp4", "false"),
            new("save_txt", "on"), new("text_color", "#ff8800"), new("fps", ""), new("color_mode", "source"),
        ], new ConversionOptions());

        Assert.Empty(errors);
        Assert.Equal(100, options.Width);
        Assert.Equal(AsciiStyle.Braille, options.Style);
        Assert.Equal(1.5, options.Brightness);
        Assert.False(options.SaveMp4);
        Assert.True(options.SaveTxt);
        Assert.Null(options.Fps);
        Assert.Equal(ColorMode.Source, options.ColorMode);
        Assert.Equal(new RgbColor(0xFF, 0x88, 0x00), options.Foreground);
    }

    [Fact]
    public void Parser_rejects_unknown_parameters_and_takes_the_cli_spelling()
    {
        var (_, errors) = ConversionOptionsParser.Parse([new("widht", "100")], new ConversionOptions());
        Assert.Equal("widht", Assert.Single(errors).Field);
        var (options, none) = ConversionOptionsParser.Parse([new("bg-color", "#101010"), new("color-mode", "source")], new ConversionOptions());
        Assert.Empty(none);
        Assert.Equal("#101010", options.BgColor);
        Assert.Equal(ColorMode.Source, options.ColorMode);
    }

    [Fact]
    public void Every_parameter_reads_back_what_it_formats()
    {
        var options = new ConversionOptions
        {
            Width = 77, Style = AsciiStyle.Braille, Charset = "ab", Brightness = 1.25, Contrast = 0.75, Gamma = 1.5, ColorMode = ColorMode.Source,
            TextColor = "#123456", BgColor = "#654321", RandomColors = true, Seed = -4, TransparentBg = true, Fps = 12, Crf = 30,
            SaveTxt = true, SavePng = false, SaveMp4 = false,
        };
        var fields = ConversionParameters.All.Select(p => new KeyValuePair<string, string?>(p.Name, p.Format(options)));

        Assert.Equal(options, ConversionOptionsParser.ParseValid(fields, new ConversionOptions()));
    }

    [Fact]
    public void The_parameter_table_reads_and_writes_every_settable_option()
    {
        // A property without a table entry would be silently missing from the API, the CLI, the Studio and the presets.
        var defaults = new ConversionOptions();
        foreach (var property in typeof(ConversionOptions).GetProperties().Where(p => p.SetMethod is not null))
        {
            var changed = new ConversionOptions();
            property.SetValue(changed, OtherValue(property, property.GetValue(defaults)));

            Assert.True(ConversionParameters.All.Any(p => p.Format(changed) != p.Format(defaults)), $"no entry of ConversionParameters.All formats ConversionOptions.{property.Name}");
            var (parsed, errors) = ConversionOptionsParser.Parse(ConversionParameters.All.Select(p => new KeyValuePair<string, string?>(p.Name, p.Format(changed))), new ConversionOptions());
            Assert.Empty(errors);
            Assert.Equal(property.GetValue(changed), property.GetValue(parsed));
        }
    }

    /// <summary>A value of the property's type that differs from <paramref name="current"/>; valid or not does not matter here.</summary>
    private static object OtherValue(PropertyInfo property, object? current)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return current switch
        {
            bool value => !value,
            int value => value + 1,
            double value => value + 0.25,
            string => "#123456",
            Enum value => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(value)),
            null when type == typeof(int) => 12,
            null when type == typeof(string) => "#123456",
            _ => throw new NotSupportedException($"ConversionOptions.{property.Name} is a {property.PropertyType}: give this test a second value of it."),
        };
    }
}
