namespace VidStudio.Core.Quality;

/// <summary>How a look did on a run of frames (see <see cref="LookMeter"/>); render time is map + draw + paint per frame.</summary>
public sealed record LookScore(double Fidelity, double Flicker, double StillFlicker, double RenderMilliseconds);
