using System.Globalization;
using System.Text;
using VidStudio.Core.Media;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Output;

/// <summary>x264 settings: <paramref name="Preset"/> comes from configuration, <paramref name="Crf"/> from the job.</summary>
public sealed record EncoderSettings(string Preset, int Crf);
