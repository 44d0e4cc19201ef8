using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// Install and membership events: greets a practitioner once per chat, learns the approvers' channel from a team
/// install, forgets a chat on uninstall. Teams and the Playground may send both installationUpdate and
/// conversationUpdate (and re-send them), so every reaction here is idempotent. A membership change in a team or group
/// conversation forgets the approvers' roster kept by <see cref="TeamRoster"/> (a practitioner's own chat is not it).
/// </summary>
public sealed class ConversationEventsHandler(
    ConversationReferenceStore references,
    ActivityDeduplicator turns,
    ApproverRegistration registration,
    PractitionerHandler practitioner,
    TeamRoster roster,
    TurnReplies replies)
{
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var botId = activity.Recipient?.Id;
        var isInstall = string.Equals(activity.Type, ActivityTypes.InstallationUpdate, StringComparison.Ordinal);
        if (isInstall && activity.Action is "remove" or "remove-upgrade")
        {
            await turns.CommitClaimNowAsync(cancellationToken); // the conversation's reference is written with the claim
            await references.MarkDeadAsync(turn.ConversationKey, "uninstalled", cancellationToken);
            return;
        }

        if (!turn.IsPersonal && (activity.MembersAdded is { Count: > 0 } || activity.MembersRemoved is { Count: > 0 }))
        {
            roster.Forget(); // names, mentions and reassign choices are read again on next use
        }

        var botAdded = isInstall || (activity.MembersAdded?.Any(m => string.Equals(m.Id, botId, StringComparison.Ordinal)) ?? false);
        var someoneAdded = activity.MembersAdded?.Any(m => !string.Equals(m.Id, botId, StringComparison.Ordinal)) ?? false;
        if (!botAdded && !someoneAdded)
        {
            return;
        }

        await turns.CommitClaimNowAsync(cancellationToken); // what follows marks the conversation's reference, written with the claim

        if (turn.IsPersonal || string.Equals(activity.ChannelId, Channels.Emulator, StringComparison.Ordinal) && !turn.IsChannel)
        {
            if (await references.TryMarkWelcomedAsync(turn.ConversationKey, cancellationToken))
            {
                await practitioner.WelcomeAsync(turn, cancellationToken);
            }

            return;
        }

        if (!botAdded || !await references.TryMarkWelcomedAsync(turn.ConversationKey, cancellationToken))
        {
            return;
        }

        var registered = false;
        if (turn.IsChannel || ChannelDataReader.From(activity).TeamId is not null)
        {
            registered = await registration.TryRegisterAsync(turn, ApproverChannelSources.Install, cancellationToken) == RegistrationOutcome.Registered;
        }

        await replies.SendAsync(turn, null, HostCards.ChannelIntroduction(registered), cancellationToken);
    }
}
