using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VidStudio.Web.Api;

/// <summary>Titles the document and describes the WebSocket, which OpenAPI cannot model as an operation.</summary>
public sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "VidStudio API",
            Version = "v1",
            Description = """
                Turns videos into ASCII-art animation: text frames, PNG frames and an MP4.

                Errors are RFC 9457 problem details with a 4xx status; `errors` (or `field`) names the parameter at fault.

                **WebSocket** `ws://HOST/api/v1/ws/convert`: send `{"action": "start", "file_base64": "...", "width": 120, "style": "normal"}`
                (any conversion parameter may be added) and receive one message per frame as it is decoded,
                `{"frame_number": 42, "ascii_text": "...", "timestamp": 1.68}`, then `{"status": "completed", "frames_count": N}`
                or `{"status": "error", "error": "..."}`. Closing the socket stops the work.
                """,
        };
        return Task.CompletedTask;
    }
}
