using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The practitioner answers an approver's question (1:1 chat): the answer is checked like every free text they write
/// (length, likely identifiers), then goes through the decision workflow: it joins the record (detail view only, never
/// the shared card), the request goes back to pending, the approvers' card is updated and the thread told.
/// </summary>
public sealed class MoreInformationService(ApprovalRecords records, ApprovalService approvals, PolicyDocument policy)
{
    /// <summary>What to tell the practitioner: a text, or the question card again with an error.</summary>
    public async Task<(string? Text, JsonObject? Card)> AnswerAsync(Actor who, JsonObject value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(value);
        var answer = (value["answer"] as JsonValue)?.TryGetValue<string>(out var a) == true ? a.Trim() : string.Empty;
        var request = Guid.TryParse((value["requestId"] as JsonValue)?.ToString(), out var id) ? await records.FindAsync(id, cancellationToken) : null;
        if (request is null || request.Kind != RecordKinds.Request)
        {
            return ("That request was not found among yours.", null);
        }

        var question = (await records.ActionsAsync(request.Id, cancellationToken)).LastOrDefault(x => x.Action == ApprovalVerbs.MoreInfo);
        var command = new WorkflowCommand { Verb = StatusTable.Answer, Text = answer };
        if (who.Is(request.RequesterAadObjectId, null) && request.Status == RequestStatus.MoreInfoRequested && question is not null)
        {
            JsonObject Again(string error, bool offerConfirmation = false) => PractitionerCards.MoreInformation(request.Id, request.Reference,
                question.ActorName ?? "An approver", question.Text ?? string.Empty, answer, error, offerConfirmation);
            if (answer.Length < PractitionerCards.MinAnswerLength || answer.Length > ApprovalRules.MaxTextLength)
            {
                return (null, Again($"Write between {PractitionerCards.MinAnswerLength} and {ApprovalRules.MaxTextLength} characters."));
            }

            // Like every free text the practitioner writes: a likely identifier is refused until they confirm it is none.
            var confirmed = (value[PractitionerCards.NoIdentifiersConfirmed] as JsonValue)?.ToString() == "true";
            var hits = IdentifierDetector.Detect(answer, policy.IdentifierPatterns);
            if (hits.Count > 0 && !confirmed)
            {
                return (null, Again($"This looks like it contains {IdentifierDetector.Describe(hits)}. The record must not identify anyone: remove it, or tick the box below to confirm it contains no identifying information.",
                    offerConfirmation: true));
            }

            command = command with { ConfirmedIdentifierKinds = [.. hits.Select(h => h.Id)] };
            var section = new DetailSection($"Answer to {question.ActorName}'s question",
            [
                new DetailItem("Question", question.Text ?? string.Empty), new DetailItem("Answer", answer),
                .. hits.Count > 0 ? [new DetailItem("Identifier check", $"Flagged as possibly containing {IdentifierDetector.Describe(hits)}; the practitioner confirmed it contains no identifying information.")] : Array.Empty<DetailItem>(),
            ]);
            var (result, _) = await approvals.ExecuteAsync(who, request, command, fresh => new RecordPatch(JsonSerializer.Serialize(
                new ApprovalDetail { Sections = [.. ApprovalRecords.Detail(fresh).Sections, section] }, ApprovalsJsonContext.Default.ApprovalDetail), null), cancellationToken);
            return result.Outcome == WorkflowOutcome.Applied ? (result.Reply.Text, null) : ($"{request.Reference} is no longer waiting for an answer.", null);
        }

        var (refused, _) = await approvals.ExecuteAsync(who, request, command, null, cancellationToken);
        return (refused.Reply.Text, null);
    }
}
