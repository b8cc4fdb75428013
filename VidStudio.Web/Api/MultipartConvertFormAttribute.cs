using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace VidStudio.Web.Api;

/// <summary>
/// Marks an action that reads its multipart form itself, streaming the upload. It keeps MVC from reading the form
/// first (MVC builds form value providers for any action with parameters, which buffers the whole body).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class StreamedFormAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        context.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}

/// <summary>
/// A conversion's streamed form: besides <see cref="StreamedFormAttribute"/>, it lets the OpenAPI document describe the
/// form: the file field and every conversion parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MultipartConvertFormAttribute(string fileField, bool batch) : StreamedFormAttribute
{
    public string FileField { get; } = fileField;

    public bool Batch { get; } = batch;
}
