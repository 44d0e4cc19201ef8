using System.Globalization;
using System.Text;
using System.Text.Json;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Records.Export;

/// <summary>
/// One request as a human-readable case file (Markdown) to attach to a safeguarding file: every question as the
/// practitioner saw it with the guidance shown and the answer, the approver actions with reasons, the decision,
/// the outcome, retention, and who did or viewed what and when. Times in UK local time. Pure.
/// </summary>
public static class CaseFile
{
    public static string Render(RecordData record, IReadOnlyList<AuditEntryRow> audit, PolicyDocument policy, CaseFileExport export)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(export);
        var row = record.Row;
        var names = Names(record, export);
        var md = new StringBuilder();
        md.Append("# Information-sharing decision record ").Append(MarkdownText.Inline(row.Reference)).Append("\n\n");
        md.Append("Case file export of the decision record, for the safeguarding file. Times are UK local time; the record stores them in UTC.\n\n");
        Item(md, "Exported", $"{Uk(export.AtUtc)} by {Who(export.ActorId, names)}");
        Item(md, "Policy version of the record", row.PolicyVersion);
        Item(md, "Questions and guidance shown below", string.Equals(row.PolicyVersion, policy.Version, StringComparison.Ordinal)
            ? $"policy version {policy.Version}, the version the record was made under"
            : $"policy version {policy.Version} (the version in force now; the record was made under {row.PolicyVersion}, so wording may differ and a choice no longer offered is shown by its id)");
        md.Append('\n');

        md.Append("## Summary\n\n");
        var s = record.Submission;
        Item(md, "Reference", row.Reference);
        Item(md, "Type", row.Kind);
        Item(md, "Case reference", row.CaseReference);
        Item(md, "Matter", Title(policy.Lists.MatterTypes, row.MatterType));
        Item(md, "Requested by", Who(row.RequesterAadObjectId, names));
        Item(md, "Draft started", s is null ? null : Uk(s.CreatedAtUtc.UtcDateTime));
        Item(md, "Submitted", row.SubmittedAt is { } submitted ? Uk(submitted) : null);
        Item(md, "Urgency", row.Urgency is null ? null
            : Title(policy.Lists.Deadlines.Select(d => (d.Id, d.Title)), row.Urgency) + (row.Deadline is { } due ? $" (decision needed by {Uk(due)})" : ""));
        Item(md, "Approval needed from", Approvers(row, s, policy));
        Item(md, "Status", RequestStanding.Title(row, record.Actions.Select(a => a.Action)));
        Item(md, "Retention", Retention(row));
        md.Append('\n');

        md.Append("## Questions and answers\n\n");
        if (record.ContentDeleted)
        {
            md.Append("The personal content of this record was removed on ").Append(Uk(row.ContentDeletedAt!.Value))
              .Append(" after a retention review. The reference, type, dates, decision and audit trail are kept.\n\n");
        }
        else if (row.Kind == RecordKinds.NotShared && SafeguardingRecords.NotShared(row) is { } notShared)
        {
            md.Append("### Decision not to share\n\n");
            Item(md, "Reasons", string.Join("; ", NotSharedForm.Titles(notShared.ReasonIds)));
            Item(md, "Why, in a sentence", notShared.Why);
            Item(md, "Answers given up to", StepForms.Title(notShared.LastStep, policy));
            md.Append("\nNo approval was needed; nothing was sent to the approvers. The JSON export holds the answers given so far.\n\n");
        }
        else if (s is null)
        {
            md.Append("The stored answers are not a request submission this version can read; the JSON export holds them as stored.\n\n");
        }
        else
        {
            Answers(md, s, policy);
        }

        md.Append("## Approver actions\n\n");
        if (record.Actions.Count == 0)
        {
            md.Append("None.\n\n");
        }
        else
        {
            md.Append("| When (UK) | Who | Role | Action | Reason | Text | Conditions |\n|---|---|---|---|---|---|---|\n");
            foreach (var a in record.Actions)
            {
                md.Append("| ").Append(Uk(a.At))
                  .Append(" | ").Append(MarkdownText.Cell(Who(a.ActorAadObjectId, names)))
                  .Append(" | ").Append(MarkdownText.Cell(a.ActorRole))
                  .Append(" | ").Append(MarkdownText.Cell(RecordActionKinds.Title(a.Action)))
                  .Append(" | ").Append(MarkdownText.Cell(a.ReasonCode is null ? null : DeclineReasons.Title(policy.Lists.DeclineReasons, a.ReasonCode) ?? a.ReasonCode))
                  .Append(" | ").Append(MarkdownText.Cell(a.Text))
                  .Append(" | ").Append(MarkdownText.Cell(a.Conditions))
                  .Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append("## Decision\n\n");
        Decision(md, record, names, policy);

        md.Append("## Outcome\n\n");
        Outcome(md, row.OutcomeJson);

        md.Append("## Who did and viewed what\n\n");
        md.Append("From the audit trail (hash-chained; `GET /records/audit/verify` checks it). Detail views are the approvers' views of the free-text answers.\n\n");
        md.Append("| Entry | When (UK) | Who | What |\n|---|---|---|---|\n");
        foreach (var e in audit)
        {
            md.Append("| ").Append(e.Sequence.ToString(CultureInfo.InvariantCulture))
              .Append(" | ").Append(Uk(e.At))
              .Append(" | ").Append(MarkdownText.Cell(Who(e.Actor, names)))
              .Append(" | ").Append(MarkdownText.Cell(AuditTitle(e)))
              .Append(" |\n");
        }

        return md.ToString();
    }

    private static void Answers(StringBuilder md, RequestSubmission s, PolicyDocument policy)
    {
        var answers = s.ToAnswers();
        for (var step = DialogStep.Urgency; step < DialogStep.Review; step++)
        {
            md.Append("### ").Append(MarkdownText.Inline(StepForms.Title(step, policy))).Append("\n\n");
            Guidance(md, policy.Texts.Step((int)step).Intro);
            var values = StepForms.ValuesFromAnswers(step, answers, policy);
            foreach (var field in StepForms.Fields(step, policy, answers))
            {
                values.TryGetValue(field.Id, out var value);
                md.Append("- **").Append(MarkdownText.Inline(field.Label)).Append("**\n  - ")
                  .Append(MarkdownText.Inline(Display(field, value), "    ")).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("### ").Append(MarkdownText.Inline(StepForms.Title(DialogStep.Review, policy))).Append("\n\n");
        Guidance(md, policy.Texts.Step((int)DialogStep.Review).Intro);
        foreach (var notice in ReviewBuilder.Notices(answers, policy))
        {
            md.Append("- Note shown: ").Append(MarkdownText.Inline(notice)).Append('\n');
        }

        foreach (var warning in s.Warnings)
        {
            md.Append("- Warning shown to the approvers: ").Append(MarkdownText.Inline(warning.Text)).Append('\n');
        }

        md.Append("- **Declaration**: ").Append(MarkdownText.Inline(policy.Texts.Notes.Declaration))
          .Append(s.DeclarationAccepted ? " — accepted" : " — not accepted").Append("\n\n");
    }

    private static void Guidance(StringBuilder md, string intro)
    {
        if (!string.IsNullOrWhiteSpace(intro))
        {
            md.Append("> Guidance shown: ").Append(MarkdownText.Inline(intro, "> ")).Append("\n\n");
        }
    }

    private static string? Display(FormField field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return field.Kind switch
        {
            FieldKind.SingleChoice => Option(field, value),
            FieldKind.MultiChoice => string.Join("; ", value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Option(field, v))),
            FieldKind.YesNo or FieldKind.Toggle => value is "yes" or "true" ? "Yes" : value is "no" or "false" ? "No" : value,
            FieldKind.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? UkTime.FormatDate(d) : value,
            _ => value,
        };
    }

    private static string Option(FormField field, string value) =>
        field.Options.FirstOrDefault(o => string.Equals(o.Value, value, StringComparison.Ordinal))?.Title ?? value;

    private static void Decision(StringBuilder md, RecordData record, Dictionary<string, string> names, PolicyDocument policy)
    {
        var row = record.Row;
        if (row.Decision is null)
        {
            md.Append("No decision yet (").Append(RequestStatus.Title(row.Status).ToLowerInvariant()).Append(").\n\n");
            return;
        }

        var decisive = record.Actions.LastOrDefault(a => string.Equals(a.Action,
            row.Decision == RequestStatus.Approved ? (record.InPart is null ? ApprovalVerbs.Approve : RecordActionKinds.ApprovedInPart) : ApprovalVerbs.Decline, StringComparison.Ordinal));
        md.Append("**").Append(RequestStatus.Title(row.Decision)).Append(record.InPart is null ? "" : " in part").Append("** by ")
          .Append(MarkdownText.Inline(Who(row.DecidedByAadObjectId ?? "", names)))
          .Append(" on ").Append(row.DecidedAt is { } at ? Uk(at) : "—").Append(".\n\n");
        if (record.InPart is { } inPart)
        {
            // The approval covers only this: the outcome below cannot claim more (§7.1).
            Item(md, "Approved", inPart.ApprovedText());
            Item(md, "Not approved", inPart.LeftOutText());
        }

        if (decisive?.ReasonCode is { } code)
        {
            Item(md, "Reason", DeclineReasons.Title(policy.Lists.DeclineReasons, code) ?? code);
        }

        if (decisive?.Text is { } text)
        {
            Item(md, "Explanation", text);
        }

        if (decisive?.Conditions is { } conditions)
        {
            Item(md, "Conditions", conditions);
        }

        md.Append('\n');
    }

    private static void Outcome(StringBuilder md, string? outcomeJson)
    {
        if (string.IsNullOrWhiteSpace(outcomeJson))
        {
            md.Append("Not yet recorded by the practitioner (what was shared, when, by whom, how and where the content lives).\n\n");
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(outcomeJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Item(md, "Recorded", outcomeJson);
            }
            else
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    Item(md, property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
                }
            }
        }
        catch (JsonException)
        {
            Item(md, "Recorded", outcomeJson);
        }

        md.Append('\n');
    }

    private static string Approvers(InfoRequestRow row, RequestSubmission? s, PolicyDocument policy)
    {
        var who = new List<string> { "an approver" };
        if (row.RequiresDpo)
        {
            IReadOnlyList<string> reasons = s is null ? [] : SubmissionRecord.DpoReasons(s, policy); // the policy's sentences, never the routing codes
            who.Add(reasons.Count == 0 ? "the Data Protection Officer" : $"the Data Protection Officer ({string.Join(" ", reasons)})");
        }

        if (row.RequiresPreventLead)
        {
            who.Add("the Prevent lead");
        }

        return string.Join("; ", who);
    }

    private static string Retention(InfoRequestRow row)
    {
        var parts = new List<string> { $"class {row.RetentionClass ?? "not set"}" };
        parts.Add(row.ReviewDate is { } review ? $"review due {UkTime.FormatDate(UkTime.Today(new DateTimeOffset(review, TimeSpan.Zero)))}" : "no review date");
        parts.Add(row.LegalHold ? "on legal hold" : "no legal hold");
        if (row.ReviewedAt is { } reviewed)
        {
            parts.Add($"last reviewed {Uk(reviewed)}");
        }

        return string.Join("; ", parts);
    }

    private static Dictionary<string, string> Names(RecordData record, CaseFileExport export)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string? id, string? name)
        {
            if (!string.IsNullOrEmpty(id) && !string.IsNullOrWhiteSpace(name) && !string.Equals(id, name, StringComparison.Ordinal))
            {
                names[id] = name;
            }
        }

        Add(record.Row.RequesterAadObjectId, record.Row.RequesterName);
        foreach (var a in record.Actions)
        {
            Add(a.ActorAadObjectId, a.ActorName);
        }

        Add(record.Row.DecidedByAadObjectId, record.Row.DecidedByName);
        Add(export.ActorId, export.ActorName);
        return names;
    }

    private static string Who(string id, Dictionary<string, string> names) =>
        id == AuditActions.System ? "the bot (housekeeping)" : names.TryGetValue(id, out var name) ? $"{name} ({id})" : id;

    private static string AuditTitle(AuditEntryRow e)
    {
        var what = e.Action switch
        {
            AuditActions.DraftCreated => "started the draft",
            AuditActions.DraftEdited => "completed or changed a section of the draft",
            AuditActions.DraftRestarted => "restarted the draft",
            AuditActions.Submitted => "submitted the request",
            AuditActions.DetailView => "viewed the full answers (detail view)",
            AuditActions.DetailViewOpened => "opened the full answers (detail view)",
            AuditActions.DetailViewAutomatic => "was shown the full answers automatically by Teams (detail view)",
            AuditActions.RefusedAction => "tried an action that was refused",
            AuditActions.MoreInfoAnswered => "answered the approvers' question",
            ApprovalVerbs.Approve => "approved",
            RecordActionKinds.PartialApproval => "approved (another approver kind must also approve)",
            RecordActionKinds.ApprovedInPart => "approved in part (some information or recipients left out)",
            ApprovalVerbs.Decline => "declined",
            ApprovalVerbs.MoreInfo => "asked for more information",
            ApprovalVerbs.Conflict => "declared a conflict of interest",
            AuditActions.ExportRecord => "exported the record (JSON)",
            AuditActions.ExportCaseFile => "exported this case file",
            AuditActions.RetentionReviewed => "reviewed retention",
            AuditActions.ContentDeleted => "removed the personal content (retention)",
            AuditActions.RetentionRefused => "a retention action was refused",
            AuditActions.LegalHoldSet => "placed the record on legal hold",
            AuditActions.LegalHoldReleased => "released the legal hold",
            "delivery-failed" => "a message about the request could not be delivered",
            "delivery-unknown" => "a message about the request may not have been delivered",
            _ => e.Action,
        };
        var detail = Detail(e.Details);
        return detail is null ? what : $"{what} ({detail})";
    }

    /// <summary>A few detail fields worth showing (sections edited, verbs refused, review dates); the rest stays in the JSON export.</summary>
    private static string? Detail(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            var root = document.RootElement;
            var parts = new List<string>();
            if (root.TryGetProperty("sections", out var sections) && sections.ValueKind == JsonValueKind.Array)
            {
                parts.Add("sections: " + string.Join(", ", sections.EnumerateArray().Select(x => x.GetString())));
            }

            foreach (var name in (string[])["verb", "trigger", "reason"])
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    parts.Add($"{name}: {value.GetString()}");
                }
            }

            if (root.TryGetProperty("from", out var from) && root.TryGetProperty("to", out var to)
                && from.ValueKind == JsonValueKind.String && to.ValueKind == JsonValueKind.String && from.GetString() != to.GetString())
            {
                parts.Add($"status: {from.GetString()} → {to.GetString()}");
            }

            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Item(StringBuilder md, string label, string? value) =>
        md.Append("- ").Append(MarkdownText.Inline(label)).Append(": ").Append(MarkdownText.Inline(value)).Append('\n');

    private static string Uk(DateTime utc) => UkTime.Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private static string Title(IEnumerable<ChoiceItem> items, string? id) => Title(items.Select(i => (i.Id, i.Title)), id);

    private static string Title(IEnumerable<(string Id, string Title)> items, string? id) =>
        id is null ? "—" : items.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal)).Title ?? id;
}
