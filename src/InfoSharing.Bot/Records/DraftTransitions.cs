using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Records;

/// <summary>
/// What a dialog turn did to the draft, from the state before and after it: created, edited (an accepted section
/// changed), restarted, cancelled, expired or discarded. A submission is recorded by its own <c>submitted</c> entry,
/// and navigation (back, help, a re-shown card) changes no record, so neither adds a transition here. Pure.
/// </summary>
public static class DraftTransitions
{
    private static readonly (string Name, Func<DraftAnswers, string?> Json)[] Sections =
    [
        ("urgency", a => Serialize(a.Urgency, DialogJsonContext.Default.UrgencyAnswers)),
        ("about", a => Serialize(a.About, DialogJsonContext.Default.AboutAnswers)),
        ("what", a => Serialize(a.What, DialogJsonContext.Default.WhatAnswers)),
        ("withWhom", a => Serialize(a.WithWhom, DialogJsonContext.Default.WithWhomAnswers)),
        ("why", a => Serialize(a.Why, DialogJsonContext.Default.WhyAnswers)),
        ("legalBasis", a => Serialize(a.LegalBasis, DialogJsonContext.Default.LegalBasisAnswers)),
        ("necessity", a => Serialize(a.Necessity, DialogJsonContext.Default.NecessityAnswers)),
        ("consent", a => Serialize(a.Consent, DialogJsonContext.Default.ConsentAnswers)),
        ("advice", a => Serialize(a.Advice, DialogJsonContext.Default.AdviceAnswers)),
    ];

    public static IReadOnlyList<DraftTransition> Between(DialogState? before, DialogState? after, IReadOnlyList<DialogEffect> effects, DateTimeOffset now, int dialogVersion)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var transitions = new List<DraftTransition>();
        var ended = false;
        if (before is not null)
        {
            if (before.DialogVersion != dialogVersion)
            {
                transitions.Add(new(AuditActions.DraftDiscarded, before.DraftId, new JsonObject { ["reason"] = "dialog-version-changed", ["dialogVersion"] = before.DialogVersion }));
                ended = true;
            }
            else if (now >= before.ExpiresAt)
            {
                transitions.Add(new(AuditActions.DraftExpired, before.DraftId, new JsonObject { ["expiresAtUtc"] = Utc(before.ExpiresAt), ["trigger"] = "turn" }));
                ended = true;
            }
            else if (after is not null && string.Equals(after.DraftId, before.DraftId, StringComparison.Ordinal))
            {
                var changed = ChangedSections(before.Answers, after.Answers);
                if (changed.Count > 0)
                {
                    transitions.Add(new(AuditActions.DraftEdited, after.DraftId, new JsonObject
                    {
                        ["step"] = StepName(before.Step),
                        ["sections"] = new JsonArray([.. changed.Select(s => (JsonNode?)JsonValue.Create(s))]),
                    }));
                }

                return transitions;
            }
            else if (after is not null)
            {
                transitions.Add(new(AuditActions.DraftRestarted, after.DraftId, new JsonObject { ["previousDraftId"] = before.DraftId, ["fromStep"] = StepName(before.Step) }));
                return transitions;
            }
            else if (effects.OfType<SubmitRequestEffect>().Any() || effects.OfType<RecordNotSharedEffect>().Any())
            {
                return transitions; // the request's "submitted" (or the record's "not-shared-recorded") entry records this and names the draft
            }
            else if (effects.OfType<StartEmergencyEffect>().Any())
            {
                transitions.Add(new(AuditActions.DraftDiscarded, before.DraftId, new JsonObject { ["reason"] = "emergency-path", ["step"] = StepName(before.Step) }));
                return transitions;
            }
            else
            {
                transitions.Add(new(AuditActions.DraftCancelled, before.DraftId, new JsonObject { ["step"] = StepName(before.Step) }));
                return transitions;
            }
        }

        if (after is not null && (before is null || ended))
        {
            transitions.Add(new(AuditActions.DraftCreated, after.DraftId, new JsonObject
            {
                ["dialogVersion"] = after.DialogVersion,
                ["policyVersion"] = after.PolicyVersion,
                ["expiresAtUtc"] = Utc(after.ExpiresAt),
            }));
        }

        return transitions;
    }

    /// <summary>The answer sections that differ (by their stored JSON).</summary>
    public static IReadOnlyList<string> ChangedSections(DraftAnswers before, DraftAnswers after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. Sections.Where(s => !string.Equals(s.Json(before), s.Json(after), StringComparison.Ordinal)).Select(s => s.Name)];
    }

    public static string StepName(DialogStep step) => JsonNamingPolicy.CamelCase.ConvertName(step.ToString());

    private static string? Serialize<T>(T? value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class =>
        value is null ? null : JsonSerializer.Serialize(value, info);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
