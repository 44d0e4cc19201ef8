using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Step 3, with whom: the recipient, their team or role, whether they were checked, the agreement and the method.</summary>
internal sealed class WithWhomStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        return
        [
            FormFields.Single(FieldIds.RecipientType, "Which kind of organisation will receive it?", lists.RecipientTypes.Select(i => new ChoiceOption(i.Id, i.Title)), expanded: false),
            FormFields.Text(FieldIds.RecipientRole, "The recipient's team or role (not a person's name)", policy.Limits.ShortText, required: true, placeholder: "For example: MASH duty team"),
            FormFields.YesNo(FieldIds.RecipientVerified, "Have you checked the recipient's identity and contact route?"),
            AgreementField(lists),
            FormFields.Single(FieldIds.SecureMethod, "How will it be shared?", lists.SecureMethods.Where(m => m.Allowed).Select(i => new ChoiceOption(i.Id, i.Title))),
        ];
    }

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var lists = policy.Lists;
        var recipient = reader.Choice(FieldIds.RecipientType, lists.RecipientTypes.Select(i => i.Id));
        var role = reader.Text(FieldIds.RecipientRole, policy.Limits.ShortText, required: true, "Enter the recipient's team or role.");
        var verified = reader.YesNo(FieldIds.RecipientVerified);
        // Cross-check 5: a recipient type the organisation's own agreement covers pre-answers "is there an agreement".
        var covered = lists.RecipientTypes.Any(r => r.CoveredByAgreement && r.Id == recipient);
        var agreement = reader.Choice(FieldIds.AgreementStatus, lists.AgreementStatuses.Select(i => i.Id), required: !covered)
            ?? (covered ? lists.AgreementStatuses.FirstOrDefault(a => a.IsCoveredAnswer)?.Id : null);
        // Only real choices are offered (a method the policy does not allow is not listed), and only they are accepted.
        var method = reader.Choice(FieldIds.SecureMethod, lists.SecureMethods.Where(m => m.Allowed).Select(i => i.Id));

        if (recipient is null || role is null || verified is null || agreement is null || method is null)
        {
            return answers;
        }

        return answers with
        {
            WithWhom = new WithWhomAnswers
            {
                RecipientTypeId = recipient,
                RecipientRole = role,
                RecipientVerified = verified.Value,
                AgreementStatusId = agreement,
                SecureMethodId = method,
            },
        };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.WithWhom is not { } r)
        {
            return;
        }

        values[FieldIds.RecipientType] = r.RecipientTypeId;
        values[FieldIds.RecipientRole] = r.RecipientRole;
        values[FieldIds.RecipientVerified] = YesNoValue(r.RecipientVerified);
        values[FieldIds.AgreementStatus] = r.AgreementStatusId;
        values[FieldIds.SecureMethod] = r.SecureMethodId;
    }

    public override bool IsAnswered(DraftAnswers answers) => answers.WithWhom is not null;

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        var lists = policy.Lists;
        var withWhom = answers.WithWhom;
        return
        [
            ("Recipient", Title(lists.RecipientTypes.Select(r => (r.Id, r.Title)), withWhom?.RecipientTypeId)),
            ("Team or role", withWhom?.RecipientRole),
            ("Identity and route checked", YesNoText(withWhom?.RecipientVerified)),
            ("Sharing agreement", Title(lists.AgreementStatuses.Select(a => (a.Id, a.Title)), withWhom?.AgreementStatusId)),
            ("Method", Title(lists.SecureMethods.Select(m => (m.Id, m.Title)), withWhom?.SecureMethodId)),
        ];
    }

    /// <summary>Cross-check 5: for the recipient types the organisation's own agreement covers, the answer is already yes.</summary>
    private static FormField AgreementField(PolicyLists lists)
    {
        var field = FormFields.Single(FieldIds.AgreementStatus, "Is there an information sharing agreement with the recipient?", lists.AgreementStatuses.Select(i => new ChoiceOption(i.Id, i.Title)));
        var covered = lists.RecipientTypes.Where(r => r.CoveredByAgreement).Select(r => r.Title).ToList();
        var answer = lists.AgreementStatuses.FirstOrDefault(a => a.IsCoveredAnswer);
        var dpo = lists.AgreementStatuses.Where(a => a.RoutesToDpo).Select(a => $"\u201c{a.Title}\u201d").ToList();
        return covered.Count == 0 || answer is null
            ? field
            : field with
            {
                Required = false,
                ErrorMessage = null,
                Hint = $"Our own information sharing agreement already covers: {string.Join("; ", covered)}. For these, leave it blank and the answer is \u201c{answer.Title}\u201d."
                       + (dpo.Count == 0 ? "" : $" {string.Join(" or ", dpo)} also asks the Data Protection Officer."),
            };
    }
}
