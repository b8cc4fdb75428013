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

    /// <summary>
    /// One name from a list only the server knows at run time (font: the bundled fonts and the caller's uploads): the
    /// table checks its form, the server whether it exists, and the Studio offers the list it is given.
    /// </summary>
    DynamicChoice,
}
