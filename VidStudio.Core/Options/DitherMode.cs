namespace VidStudio.Core.Options;

/// <summary>How a cell's tone between two ramp levels is shared out between them. API names are snake_case (<see cref="ApiNames"/>).</summary>
public enum DitherMode
{
    /// <summary>Each cell takes the level its tone falls in: flat areas are one character, gradients bands.</summary>
    None,

    /// <summary>The threshold between levels follows an 8×8 Bayer matrix fixed to the screen: a regular cross-hatch, no flicker on still parts.</summary>
    Ordered,

    /// <summary>Floyd–Steinberg: each cell's rounding error is carried to its right and lower neighbours; the finest tones, but it shimmers in video.</summary>
    Diffusion,

    /// <summary>The threshold follows a 64×64 blue-noise map fixed to the screen: an even, pattern-free grain, no flicker on still parts.</summary>
    BlueNoise,
}
