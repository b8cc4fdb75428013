using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace VidStudio.Tests.Support;

/// <summary>The WebSocket API's messages as a client sees them: JSON text messages.</summary>
public static class JsonSocket
{
    public static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null when the server closed the socket.</summary>
    public static async Task<JsonElement?> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return result.MessageType == WebSocketMessageType.Close ? null : JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, length)).RootElement.Clone();
    }

    /// <summary>The start message the API documents, with the file inline and any parameters.</summary>
    public static Dictionary<string, object> Start(byte[] video, params (string Name, object Value)[] parameters)
    {
        var message = new Dictionary<string, object> { ["action"] = "start", ["file_base64"] = Convert.ToBase64String(video) };
        foreach (var (name, value) in parameters) message[name] = value;
        return message;
    }
}
