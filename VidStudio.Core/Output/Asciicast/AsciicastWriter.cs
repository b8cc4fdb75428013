using System.Text.Encodings.Web;
using System.Text.Json;

namespace VidStudio.Core.Output.Asciicast;

/// <summary>
/// An asciicast v2 recording (<see cref="AsciicastOutput.FileName"/>) that plays in asciinema-player and <c>asciinema play</c>:
/// a header line (version, width, height, duration), then one <c>[time, "o", text]</c> output event per frame at its
/// timestamp, each frame drawn from the top-left corner. Events go to a partial file as frames arrive; the header needs
/// the final duration, so <see cref="Complete"/> writes it and appends the events behind it.
/// </summary>
public sealed class AsciicastWriter : IDisposable
{
    /// <summary>Cursor home before each frame; the first also clears the screen and hides the cursor.</summary>
    private const string Home = "\u001b[H", Start = "\u001b[?25l\u001b[2J\u001b[H";

    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _path, _eventsPath;
    private readonly int _columns, _rows;
    private readonly FileStream _events;
    private readonly Utf8JsonWriter _writer;
    private int _frames;

    public AsciicastWriter(string path, int columns, int rows)
    {
        (_path, _columns, _rows) = (path, columns, rows);
        _eventsPath = path + ".events" + ArtifactNames.PartialSuffix;
        _events = new FileStream(_eventsPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024);
        _writer = new Utf8JsonWriter(_events, Json);
    }

    public long BytesWritten => _events.Length;

    public void AddFrame(double seconds, ReadOnlySpan<char> ansiFrame)
    {
        _writer.Reset(_events);
        _writer.WriteStartArray();
        _writer.WriteNumberValue(Math.Round(seconds, 6));
        _writer.WriteStringValue("o");
        // One string per frame (not per character): the JSON writer escapes a value in one piece.
        _writer.WriteStringValue(string.Concat(_frames == 0 ? Start : Home, ansiFrame));
        _writer.WriteEndArray();
        _writer.Flush();
        _events.WriteByte((byte)'\n');
        _frames++;
    }

    /// <summary>Writes the header with the recording's duration, then the events, under the final name.</summary>
    public long Complete(double durationSeconds)
    {
        _writer.Flush();
        _events.Flush();
        _events.Position = 0;
        return AtomicFile.Write(_path, (this, durationSeconds), static (stream, state) =>
        {
            var (cast, duration) = state;
            using (var header = new Utf8JsonWriter(stream, Json))
            {
                header.WriteStartObject();
                header.WriteNumber("version", 2);
                header.WriteNumber("width", cast._columns);
                header.WriteNumber("height", cast._rows);
                header.WriteNumber("duration", Math.Round(duration, 6));
                header.WriteStartObject("env");
                header.WriteString("TERM", "xterm-256color");
                header.WriteEndObject();
                header.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
            cast._events.CopyTo(stream);
        });
    }

    public void Dispose()
    {
        _writer.Dispose();
        _events.Dispose();
        File.Delete(_eventsPath);
    }
}
