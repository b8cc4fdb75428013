namespace VidStudio.Web.Configuration;

public enum AuthMode
{
    /// <summary>Off while the server listens on loopback addresses only, on as soon as it listens on any other.</summary>
    Auto,
    On,
    Off,
}
