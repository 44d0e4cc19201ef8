using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Routing;

/// <summary>Commands typed in a team channel or group chat (the bot's mention already stripped).</summary>
public sealed class ChannelCommandHandler(ApproverRegistration registration, RecordsSummary records, ApprovalCardRepost repost, ApproverCommands approverCommands, TurnReplies replies)
{
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var command = (turn.CommandText ?? string.Empty).Trim().ToLowerInvariant();
        if (command.StartsWith("register approvers", StringComparison.Ordinal))
        {
            if (!turn.IsChannel)
            {
                await replies.SendAsync(turn, "Type `register approvers` in the approvers' team channel.", null, cancellationToken);
                return;
            }

            var outcome = await registration.TryRegisterAsync(turn, ApproverChannelSources.Command, cancellationToken);
            await replies.SendAsync(turn, outcome == RegistrationOutcome.Registered
                ? "This channel is now the approvers' channel. New information-sharing requests will be posted here, each as its own thread."
                : "Sorry, this channel cannot be registered as the approvers' channel. Only the channel named in the bot's configuration, or an administrator, can register it. This attempt was recorded.",
                null, cancellationToken);
            return;
        }

        if (command.StartsWith(ApprovalCardRepost.Command + " ", StringComparison.Ordinal))
        {
            await replies.SendAsync(turn, await repost.RepostAsync(turn, command[ApprovalCardRepost.Command.Length..], cancellationToken), null, cancellationToken);
            return;
        }

        if (await approverCommands.TryHandleAsync(turn, cancellationToken) is { } answer)
        {
            await replies.SendAsync(turn, answer, null, cancellationToken);
            return;
        }

        if (command.StartsWith("records", StringComparison.Ordinal))
        {
            await replies.SendAsync(turn, await records.DescribeAsync(cancellationToken), null, cancellationToken);
            return;
        }

        await replies.SendAsync(turn, HostCards.ChannelHelp, null, cancellationToken);
    }

    /// <summary>After an Action.Submit fallback click: say what happened, since no card can be returned.</summary>
    public async Task ReportSubmitOutcomeAsync(TurnContext turn, ApprovalResponse outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.SubmitNotice is { } notice)
        {
            await replies.SendAsync(turn, notice, null, cancellationToken);
        }
    }
}
