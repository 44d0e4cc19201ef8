using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Routing;

/// <summary>What the endpoint writes back: an HTTP status and, for an invoke, the body (protocol.md §2.7).</summary>
public sealed record TurnResult(int StatusCode, AdaptiveCardInvokeResponse? InvokeBody = null)
{
    public static readonly TurnResult Ok = new(StatusCodes.Status200OK);

    public static TurnResult Invoke(AdaptiveCardInvokeResponse body) => new(StatusCodes.Status200OK, body);

    public static TurnResult BadRequest() => new(StatusCodes.Status400BadRequest);
}
