using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NeedToKnow.Server.Hosting;

/// <summary>
/// Declares in the OpenAPI document how callers authenticate: an API key or a user token as an HTTP bearer credential
/// (OpenAPI 3.1 §4.8.27, RFC 6750 §2.1), required by every operation except the anonymous ones (health, readiness,
/// metrics, this document), so that generated clients send it.
/// </summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string Scheme = "ntkKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (`ntk_<role>_...`: operator, host, developer, auditor) or a user token (`ntku_...`) in `Authorization: Bearer ...`",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        if (!anonymous)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }
}
