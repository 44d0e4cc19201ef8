using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Safeguarding;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Routing;

/// <summary>(type, name, verb) → handler, as an explicit switch. Unknown activity types are answered 200 and ignored.</summary>
public sealed class TurnRouter(
    ConversationEventsHandler events,
    PractitionerHandler practitioner,
    ChannelCommandHandler channelCommands,
    ApprovalService approvals,
    SafeguardingApprovals safeguarding,
    ApproverDirectory directory)
{
    public async Task<TurnResult> RouteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                if (activity.Value is JsonObject value && Text(value, "verb") is { } verb && ApprovalVerbs.IsKnown(verb))
                {
                    // The Action.Submit fallback of the approval card (Emulator, old clients): same rules; the card is PUT by the outbox.
                    var outcome = await approvals.ActAsync(await ActorAsync(turn, cancellationToken), verb, value, automatic: false, cancellationToken);
                    await channelCommands.ReportSubmitOutcomeAsync(turn, outcome, cancellationToken);
                    return TurnResult.Ok;
                }

                if (activity.Value is JsonObject record && Text(record, "verb") is { } recordVerb && SafeguardingVerbs.IsKnown(recordVerb))
                {
                    // The Action.Submit fallback of the review and advice cards.
                    await channelCommands.ReportSubmitOutcomeAsync(turn, await safeguarding.ActAsync(await ActorAsync(turn, cancellationToken), recordVerb, record, automatic: false, cancellationToken), cancellationToken);
                    return TurnResult.Ok;
                }

                await (turn.IsPersonal ? practitioner.HandleAsync(turn, cancellationToken) : channelCommands.HandleAsync(turn, cancellationToken));
                return TurnResult.Ok;

            case ActivityTypes.ConversationUpdate:
            case ActivityTypes.InstallationUpdate:
                await events.HandleAsync(turn, cancellationToken);
                return TurnResult.Ok;

            case ActivityTypes.Invoke:
                return TurnResult.Invoke(await InvokeAsync(turn, cancellationToken));

            default:
                return TurnResult.Ok;
        }
    }

    private async Task<AdaptiveCardInvokeResponse> InvokeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (!string.Equals(activity.Name, InvokeNames.AdaptiveCardAction, StringComparison.Ordinal))
        {
            return AdaptiveCardInvokeResponse.Error(501, "NotImplemented", $"This bot does not handle '{activity.Name}'.");
        }

        // Validation as the SDK applies it (protocol.md §2.6): value an object, action an object, type Action.Execute.
        if (activity.Value is not JsonObject value || value["action"] is not JsonObject action)
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The card action carried no action.");
        }

        if (!string.Equals(Text(action, "type"), "Action.Execute", StringComparison.Ordinal))
        {
            return AdaptiveCardInvokeResponse.Error(400, "NotSupported", "Only Action.Execute is supported here.");
        }

        var automatic = string.Equals(Text(value, "trigger"), "automatic", StringComparison.Ordinal);
        if (Text(action, "verb") is { } verb && SafeguardingVerbs.IsKnown(verb))
        {
            return (await safeguarding.ActAsync(await ActorAsync(turn, cancellationToken), verb, action["data"] ?? new JsonObject(), automatic, cancellationToken)).Invoke;
        }

        return (await approvals.ActAsync(await ActorAsync(turn, cancellationToken), Text(action, "verb"), action["data"] ?? new JsonObject(), automatic, cancellationToken)).Invoke;
    }

    private Task<Actor> ActorAsync(TurnContext turn, CancellationToken cancellationToken) =>
        directory.ResolveAsync(turn.Actor, turn.Activity.ServiceUrl, cancellationToken);

    private static string? Text(JsonObject o, string name) =>
        o.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
