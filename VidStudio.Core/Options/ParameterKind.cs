namespace VidStudio.Core.Options;

public enum ParameterKind
{
    Integer,
    Number,
    Boolean,
    Choice,
    Color,
    Text,

    /// <summary>A comma list of one or more of the <see cref="ConversionParameter.Choices"/> (symbols); empty means the default.</summary>
    ChoiceList,
}
