using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// The practitioner's 1:1 chat: answers to an approver's question, the development fallback registration,
/// and otherwise the request dialog.
/// </summary>
public sealed class PractitionerHandler(
    DialogTurnHandler dialog,
    MoreInformationService moreInformation,
    ApproverRegistration registration,
    PractitionerSafeguarding safeguarding,
    ApproverCommands approverCommands,
    TurnReplies replies)
{
    public const string RegisterHereCommand = "register approvers here";

    public Task WelcomeAsync(TurnContext turn, CancellationToken cancellationToken) => dialog.WelcomeAsync(turn, cancellationToken);

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Activity.Value is JsonObject value
            && value["action"] is JsonValue action && action.TryGetValue<string>(out var name)
            && string.Equals(name, PractitionerCards.AnswerMoreInfoAction, StringComparison.Ordinal))
        {
            var (text, answerCard) = await moreInformation.AnswerAsync(turn.Actor, value, cancellationToken);
            await replies.SendAsync(turn, text, answerCard, cancellationToken);
            return;
        }

        if (turn.Activity.Value is JsonObject card && card["action"] is JsonValue cardAction && cardAction.TryGetValue<string>(out var safeguardingAction)
            && SafeguardingActions.IsKnown(safeguardingAction))
        {
            await safeguarding.HandleAsync(turn, safeguardingAction, card, cancellationToken);
            return;
        }

        if (Dialog.DialogCommands.Normalise(turn.CommandText) is "advice" or "ask for advice")
        {
            await safeguarding.AskAdviceAsync(turn, "command", cancellationToken);
            return;
        }

        if (await approverCommands.TryHandleAsync(turn, cancellationToken) is { } answer)
        {
            await replies.SendAsync(turn, answer, null, cancellationToken);
            return;
        }

        if (string.Equals(turn.CommandText, RegisterHereCommand, StringComparison.OrdinalIgnoreCase))
        {
            var outcome = await registration.TryRegisterAsync(turn, ApproverChannelSources.DevelopmentFallback, cancellationToken);
            await replies.SendAsync(turn, outcome == RegistrationOutcome.Registered
                ? "Development fallback: this conversation is now the approvers' conversation. Approval cards will be posted here."
                : "That development fallback is switched off here. Register the approvers' Teams channel instead.", null, cancellationToken);
            return;
        }

        await dialog.ContinueAsync(turn, cancellationToken);
    }
}
