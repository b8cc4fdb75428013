namespace VidStudio.Core.Output;

public enum ArtifactKind
{
    Text,
    Png,
    Video,
    Ansi,
    Cast,
    Gif,
    Webm,
    Html,
}
