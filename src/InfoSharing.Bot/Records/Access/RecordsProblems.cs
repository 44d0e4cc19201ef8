using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Records.Access;

/// <summary>401 and 403 from the records scheme as ProblemDetails (the token's failure details are never echoed).</summary>
internal static class RecordsProblems
{
    public static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = ModeOf(http) switch
        {
            RecordsAccessMode.DevelopmentLoopback => "Development without Records:Auth: the records export answers only connections from this machine (loopback).",
            RecordsAccessMode.Disabled => "The records export is switched off: Records:Auth (Authority, Audience) is not configured.",
            _ => "Send an Entra ID access token for the records API (Authorization: Bearer …).",
        };
        await WriteAsync(http, StatusCodes.Status401Unauthorized, "Sign-in required", detail);
    }

    public static Task ForbiddenAsync(ForbiddenContext context) =>
        WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not permitted",
            "The token is valid but does not carry the app role this records endpoint needs. The attempt was recorded.");

    private static RecordsAccessMode ModeOf(HttpContext http) => RecordsAuthentication.ModeFor(
        http.RequestServices.GetRequiredService<IOptionsMonitor<RecordsOptions>>().CurrentValue.Auth,
        http.RequestServices.GetRequiredService<IHostEnvironment>());

    private static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
