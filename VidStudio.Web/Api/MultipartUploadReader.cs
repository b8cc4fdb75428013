using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using VidStudio.Web.Jobs;
using VidStudio.Web.Admission;

namespace VidStudio.Web.Api;

/// <summary>
/// Reads a multipart upload section by section, streaming each file straight to the staging folder and stopping
/// at the size limit: nothing is buffered whole in memory, and an oversized upload is refused while it arrives
/// (or before, when Content-Length already says so). Fields are returned as text for the options parser.
/// </summary>
public sealed class MultipartUploadReader(JobFiles files)
{
    private const int MaxFieldLength = 16 * 1024;
    private const int MaxFields = 64;

    public sealed record Upload(IReadOnlyList<StagedFile> Files, IReadOnlyList<KeyValuePair<string, string?>> Fields) : IDisposable
    {
        public void Dispose()
        {
            foreach (var file in Files)
            {
                File.Delete(file.Path);
            }
        }
    }

    /// <param name="sizeSetting">The setting that sets <paramref name="maxFileSize"/>, named when a file is too large.</param>
    public async Task<Upload> ReadAsync(HttpRequest request, string fileField, int maxFiles, long maxFileSize, CancellationToken cancellationToken, string sizeSetting = "MaxFileSize")
    {
        var maxBody = maxFileSize * maxFiles + MaxFields * MaxFieldLength;
        if (request.ContentLength > maxBody)
        {
            throw ApiProblemException.UploadTooLarge(maxFileSize, "file", sizeSetting);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBody;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Multipart form expected",
                $"Send the video as multipart/form-data with the file in the '{fileField}' field.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Malformed multipart form", "The multipart boundary is missing.");
        }

        var staged = new List<StagedFile>();
        var fields = new List<KeyValuePair<string, string?>>();
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (name != fileField)
                    {
                        throw new ApiProblemException(StatusCodes.Status400BadRequest, "Unexpected file field",
                            $"Files go in the '{fileField}' field (got '{name}').", name);
                    }

                    if (staged.Count == maxFiles)
                    {
                        throw new ApiProblemException(StatusCodes.Status400BadRequest, "Too many files", $"At most {maxFiles} file(s) per request.", fileField);
                    }

                    var originalName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    staged.Add(await StageAsync(section.Body, originalName ?? "video", maxFileSize, sizeSetting, cancellationToken));
                }
                else
                {
                    if (fields.Count == MaxFields)
                    {
                        throw new ApiProblemException(StatusCodes.Status400BadRequest, "Too many fields", $"At most {MaxFields} form fields.");
                    }

                    fields.Add(new(name, await ReadFieldAsync(section.Body, name, cancellationToken)));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && !request.HttpContext.RequestAborted.IsCancellationRequested && e.HResult is not (28 or 122)))
        {
            // MultipartReader's words for a body that breaks the format (a missing boundary, a truncated part, headers
            // too long): the client's fault, answered as such rather than as a server error.
            new Upload(staged, fields).Dispose();
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Malformed multipart form",
                $"The multipart body could not be read: {e.Message}");
        }
        catch
        {
            new Upload(staged, fields).Dispose();
            throw;
        }

        if (staged.Count == 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "No file", $"The form has no file in the '{fileField}' field.", fileField);
        }

        return new Upload(staged, fields);
    }

    private async Task<StagedFile> StageAsync(Stream body, string originalName, long maxFileSize, string sizeSetting, CancellationToken cancellationToken)
    {
        var path = files.NewStagingPath();
        long total = 0;
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxFileSize)
                    {
                        throw ApiProblemException.UploadTooLarge(maxFileSize, "file", sizeSetting);
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new StagedFile(path, originalName, total);
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[MaxFieldLength + 1];
        var length = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (length > MaxFieldLength)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Field too long", $"The field '{name}' is longer than {MaxFieldLength} characters.", name);
        }

        return new string(buffer, 0, length);
    }
}
