using System.Text.Json.Nodes;
using InfoSharing.Bot.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace InfoSharing.Bot.Records.Access;

/// <summary>
/// Audits a refused attempt on the records API by a signed-in caller (403: valid token, missing role) before the
/// standard handler answers. Anonymous 401s are logged by the handler, not audited (anyone could flood the trail).
/// </summary>
public sealed class RecordsAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        var endpoint = context.GetEndpoint();
        if (authorizeResult.Forbidden && endpoint?.Metadata.GetMetadata<RecordsEndpointMarker>() is not null)
        {
            var caller = RecordsCaller.From(context.User);
            var role = policy.Requirements.OfType<RecordsAccessRequirement>().FirstOrDefault()?.Role;
            var services = context.RequestServices;
            await services.GetRequiredService<UnitOfWork>().ExecuteAsync(ct => services.GetRequiredService<AuditLog>().AppendAsync(
                caller.ActorId, AuditActions.RefusedAccess, AuditActions.SubjectRecords, null, caller.Details(new JsonObject
                {
                    ["method"] = context.Request.Method,
                    ["endpoint"] = (endpoint as RouteEndpoint)?.RoutePattern.RawText,
                    ["needs"] = role?.ToString(),
                }), ct), context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
