using System.Net;
using System.Net.Sockets;

namespace VidStudio.Tests.Support;

/// <summary>Ports for the servers a test starts on loopback.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on now (the system's choice, so tests running side by side do not collide).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
