using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// The approvers' typed commands of domain.md §7.1, in the channel or the 1:1 chat: <c>reassign &lt;reference&gt; to &lt;name|role&gt;</c>
/// (through the same workflow as the card's Reassign), <c>away until &lt;date&gt; cover &lt;colleague&gt;</c> and <c>back</c>
/// (<c>back from away</c> in the 1:1 chat, where <c>back</c> steps the dialog back).
/// </summary>
public sealed partial class ApproverCommands(BotDbContext db, ApproverDirectory directory, ApprovalService approvals, CoverService cover)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d MMM yyyy", "d MMMM yyyy", "d/M/yyyy", "d.M.yyyy"];

    /// <summary>The answer to the command, or null when the text is not one of these commands.</summary>
    public async Task<string?> TryHandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = (turn.CommandText ?? string.Empty).Trim();
        if (AwayPattern().Match(text) is { Success: true } away)
        {
            if (!TryDate(away.Groups["date"].Value, out var until))
            {
                return "Give the last day you are away as a date, e.g. `away until 2026-12-24 cover Megan Bowen`.";
            }

            var (userId, name) = Mentioned(turn, away.Groups["who"].Value);
            if (userId is null && string.IsNullOrWhiteSpace(name))
            {
                return "Name the colleague who covers for you, e.g. `away until 2026-12-24 cover Megan Bowen`.";
            }

            return await cover.AwayAsync(await ActorAsync(turn, cancellationToken), until, userId, name, turn.Activity.ServiceUrl, cancellationToken);
        }

        if (text.Equals("back from away", StringComparison.OrdinalIgnoreCase) || (!turn.IsPersonal && text.Equals("back", StringComparison.OrdinalIgnoreCase)))
        {
            return await cover.BackAsync(turn.Actor, cancellationToken);
        }

        if (ReassignPattern().Match(text) is { Success: true } reassign)
        {
            return await ReassignAsync(turn, reassign.Groups["ref"].Value.ToUpperInvariant(), reassign.Groups["to"].Value, cancellationToken);
        }

        return null;
    }

    private async Task<string> ReassignAsync(TurnContext turn, string reference, string to, CancellationToken cancellationToken)
    {
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == reference && r.Kind == RecordKinds.Request, cancellationToken);
        if (request is null)
        {
            return $"There is no request {reference}. Type `reassign ISR-YYYY-NNNN to <name, DPO or Prevent lead>`.";
        }

        var target = await TargetAsync(turn, to, cancellationToken);
        if (target is null)
        {
            return $"{(string.IsNullOrWhiteSpace(to) ? "That person" : to.Trim())} is not an approver in the approvers' team. Name an approver, the DPO or the Prevent lead.";
        }

        var outcome = await approvals.ActAsync(await ActorAsync(turn, cancellationToken), ApprovalVerbs.Reassign,
            new JsonObject { ["requestId"] = request.Id.ToString(), ["reassignTo"] = target }, automatic: false, cancellationToken);
        return outcome.SubmitNotice ?? $"{reference} was handed on.";
    }

    /// <summary>The reassignment target named: a role, a mentioned or named approver (<c>person:&lt;object id&gt;</c>), or null.</summary>
    private async Task<string?> TargetAsync(TurnContext turn, string to, CancellationToken cancellationToken)
    {
        var words = to.Trim().TrimStart('@').Trim();
        if (Regex.Replace(words, "^the ", string.Empty, RegexOptions.IgnoreCase).ToLowerInvariant() is "dpo" or "data protection officer")
        {
            return Deciders.RolePrefix + nameof(ApproverKind.Dpo);
        }

        if (Regex.Replace(words, "^the ", string.Empty, RegexOptions.IgnoreCase).ToLowerInvariant() is "prevent lead" or "prevent")
        {
            return Deciders.RolePrefix + nameof(ApproverKind.PreventLead);
        }

        var (userId, name) = Mentioned(turn, words);
        var candidates = await directory.CandidatesAsync(cancellationToken);
        var person = candidates.FirstOrDefault(c => userId is not null && string.Equals(c.UserId, userId, StringComparison.Ordinal))
            ?? candidates.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        var objectId = person?.ObjectId ?? (await directory.FindMemberAsync(userId, name, cancellationToken))?.EntraObjectId;
        return objectId is null ? null : Deciders.PersonPrefix + objectId;
    }

    /// <summary>The colleague a command names: the first @mention other than the bot (its Teams user id and name), else the typed name.</summary>
    private static (string? UserId, string? Name) Mentioned(TurnContext turn, string typed)
    {
        var botId = turn.Activity.Recipient?.Id;
        foreach (var entity in turn.Activity.Entities ?? [])
        {
            if (entity["type"]?.GetValue<string>() == "mention" && entity["mentioned"] is JsonObject m
                && m["id"]?.GetValue<string>() is { } id && !string.Equals(id, botId, StringComparison.Ordinal))
            {
                return (id, m["name"]?.GetValue<string>());
            }
        }

        return (null, string.IsNullOrWhiteSpace(typed) ? null : typed.Trim().TrimStart('@').Trim());
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParse(text.Trim(), CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out date);

    private Task<Actor> ActorAsync(TurnContext turn, CancellationToken cancellationToken) =>
        directory.ResolveAsync(turn.Actor, turn.Activity.ServiceUrl, cancellationToken);

    [GeneratedRegex(@"^away\s+until\s+(?<date>.+?)\s+cover(?:\s+(?<who>.*))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AwayPattern();

    [GeneratedRegex(@"^reassign\s+(?<ref>\S+)\s+to(?:\s+(?<to>.*))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ReassignPattern();
}
