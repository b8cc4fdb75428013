using VidStudio.Core.Media;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Preview;
using VidStudio.Core.Rendering;

namespace VidStudio.Tests.Support;

/// <summary>The real engine, shared by the tests of one class (fonts load once).</summary>
public sealed class Engine : IDisposable
{
    public FfmpegTools Tools { get; } = new();

    public FontSet Fonts { get; } = new();

    public TestMedia Media { get; } = new();

    public VideoConverter Converter => new(Tools, Fonts);

    public VideoProber Prober => new(Tools);

    public FramePreviewer NewPreviewer() => new(Tools, Fonts);

    public void Dispose()
    {
        Fonts.Dispose();
        Media.Dispose();
    }
}
