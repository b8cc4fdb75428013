namespace VidStudio.Core.Options;

public enum ParameterKind
{
    Integer,
    Number,
    Boolean,
    Choice,
    Color,
    Text,
}
