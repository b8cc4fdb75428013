using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace VidStudio.Web.Api.WebSockets;

/// <summary>
/// Splits the WebSocket start message <c>{"action": "start", "file_base64": "...", ...}</c> as it arrives, chunk by
/// chunk: the base64 video is decoded straight into <c>video</c>, and everything else is kept as a small JSON object in
/// which <c>file_base64</c> is an empty string. Buffering the whole message instead held the base64 text, a growing
/// copy of it and the decoded bytes at once: ~2.3× the upload, over 1 GB for a 500 MB video, per connection.
/// <para>
/// It follows just enough JSON to find the top-level <c>file_base64</c> string (strings, escapes, nesting); the kept
/// part is parsed properly afterwards. Base64 needs no escaping in JSON, but encoders escape anyway (<c>\/</c>,
/// <c>\u002B</c> for '+'), and MIME-style base64 carries escaped line breaks: all are accepted.
/// </para>
/// </summary>
public sealed class StartMessageSplitter(Stream video, int maxRestLength = 64 * 1024)
{
    private const string FileKey = "file_base64";

    private readonly ArrayBufferWriter<byte> _rest = new(1024);
    private readonly byte[] _pending = new byte[64 * 1024];
    private readonly byte[] _decoded = new byte[64 * 1024 / 4 * 3];
    private readonly StringBuilder _key = new();
    private int _pendingLength, _unicodeDigits, _unicodeValue;
    private int _depth;
    private bool _inString, _escaped, _expectKey, _readingKey, _fileValueNext, _inFile;

    /// <summary>Decoded video bytes written so far.</summary>
    public long VideoLength { get; private set; }

    /// <summary>Whether a <c>file_base64</c> string was found (its value may still have been empty).</summary>
    public bool FoundFile { get; private set; }

    /// <summary>The message without the video: small enough to parse as a whole.</summary>
    public ReadOnlyMemory<byte> Rest => _rest.WrittenMemory;

    /// <summary>Consumes the next chunk of the message.</summary>
    /// <exception cref="FormatException">The video is not valid base64, or the rest of the message is too large.</exception>
    public void Write(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            if (_inFile && !_escaped && _unicodeDigits == 0)
            {
                // Nearly all of the message: base64 up to the next escape or the closing quote goes to the decoder in
                // one piece (byte by byte this split ~136 MB/s, slower than a LAN delivers it).
                var run = chunk.IndexOfAny((byte)'\\', (byte)'"');
                var base64 = run < 0 ? chunk : chunk[..run];
                AddBase64(base64);
                chunk = chunk[base64.Length..];
                if (chunk.IsEmpty)
                {
                    break;
                }
            }

            Consume(chunk[0]);
            chunk = chunk[1..];
        }
    }

    private void Consume(byte b)
    {
        if (_inFile)
        {
            ConsumeFileByte(b);
            return;
        }

        Keep(b);
        if (_inString)
        {
            ConsumeStringByte(b);
        }
        else
        {
            ConsumeStructureByte(b);
        }
    }

    /// <summary>Decodes what is left of the video; call once the whole message has been written.</summary>
    public void Complete()
    {
        if (_inFile)
        {
            throw new FormatException("The message ended inside \"file_base64\".");
        }
    }

    private void ConsumeStructureByte(byte b)
    {
        switch (b)
        {
            case (byte)'"':
                _inString = true;
                _readingKey = _depth == 1 && _expectKey;
                _key.Clear();
                if (_fileValueNext)
                {
                    // The value of the top-level "file_base64": from here to the closing quote is the video.
                    if (FoundFile)
                    {
                        throw new FormatException("\"file_base64\" is given twice.");
                    }

                    (FoundFile, _inFile, _inString, _fileValueNext) = (true, true, false, false);
                }

                break;
            case (byte)'{' or (byte)'[':
                _depth++;
                _expectKey = b == '{';
                _fileValueNext = false;
                break;
            case (byte)'}' or (byte)']':
                _depth--;
                break;
            case (byte)',':
                _expectKey = _depth == 1;
                _fileValueNext = false;
                break;
            case (byte)':':
                _expectKey = false;
                break;
            case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                break;
            default:
                _fileValueNext = false;
                break;
        }
    }

    private void ConsumeStringByte(byte b)
    {
        if (_escaped)
        {
            _escaped = false;
        }
        else if (b == '\\')
        {
            _escaped = true;
        }
        else if (b == '"')
        {
            _inString = false;
            if (_readingKey)
            {
                _readingKey = false;
                _fileValueNext = _key.ToString() == FileKey;
            }

            return;
        }

        if (_readingKey && _key.Length <= FileKey.Length)
        {
            _key.Append((char)b);
        }
    }

    private void ConsumeFileByte(byte b)
    {
        if (_unicodeDigits > 0)
        {
            // \uXXXX: serializers such as System.Text.Json escape '+' as \u002B by default.
            _unicodeValue = _unicodeValue * 16 + HexValue(b);
            if (--_unicodeDigits == 0)
            {
                AddBase64Char(_unicodeValue);
            }

            return;
        }

        if (_escaped)
        {
            _escaped = false;
            switch (b)
            {
                case (byte)'u':
                    (_unicodeDigits, _unicodeValue) = (4, 0);
                    return;
                case (byte)'n' or (byte)'r':
                    return; // line breaks of MIME-style base64
                default:
                    AddBase64Char(b);
                    return;
            }
        }

        // Plain base64 never gets here (Write hands runs of it to the decoder): b starts an escape or ends the string.
        if (b == '\\')
        {
            _escaped = true;
            return;
        }

        _inFile = false;
        FlushBase64(isFinalBlock: true);
        Keep(b); // the kept message gets "file_base64": ""
    }

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => throw new FormatException("\"file_base64\" holds an invalid \\u escape."),
    };

    /// <summary>One character given as an escape; the decoder checks the plain runs itself.</summary>
    private void AddBase64Char(int c)
    {
        if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '='))
        {
            throw new FormatException("\"file_base64\" holds characters that are not base64.");
        }

        AddBase64([(byte)c]);
    }

    private void AddBase64(ReadOnlySpan<byte> base64)
    {
        while (!base64.IsEmpty)
        {
            var count = Math.Min(base64.Length, _pending.Length - _pendingLength);
            base64[..count].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += count;
            base64 = base64[count..];
            if (_pendingLength == _pending.Length)
            {
                FlushBase64(isFinalBlock: false);
            }
        }
    }

    private void FlushBase64(bool isFinalBlock)
    {
        var status = Base64.DecodeFromUtf8(_pending.AsSpan(0, _pendingLength), _decoded, out var consumed, out var written, isFinalBlock);
        if (status is not (OperationStatus.Done or OperationStatus.NeedMoreData) || (isFinalBlock && consumed != _pendingLength))
        {
            throw new FormatException("\"file_base64\" is not valid base64.");
        }

        video.Write(_decoded, 0, written);
        VideoLength += written;
        _pending.AsSpan(consumed, _pendingLength - consumed).CopyTo(_pending);
        _pendingLength -= consumed;
    }

    private void Keep(byte b)
    {
        if (_rest.WrittenCount >= maxRestLength)
        {
            throw new FormatException($"The start message's parameters exceed {maxRestLength / 1024} KB.");
        }

        _rest.GetSpan(1)[0] = b;
        _rest.Advance(1);
    }
}
