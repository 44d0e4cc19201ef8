using System.Globalization;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The one set of field builders of every form (the dialog's steps and the safeguarding forms): the kind, label,
/// choices, required (with the client-side message), length limit and hint of each input.
/// </summary>
internal static class FormFields
{
    public static FormField Single(string id, string label, IEnumerable<ChoiceOption> options, bool expanded = true, bool required = true) => new()
    {
        Id = id,
        Label = label,
        Kind = FieldKind.SingleChoice,
        Required = required,
        ErrorMessage = required ? "Choose an option." : null,
        Options = [.. options],
        Expanded = expanded,
        Placeholder = expanded ? null : "Choose…",
    };

    public static FormField Multi(string id, string label, IEnumerable<ChoiceOption> options, bool required, string? hint = null, string? errorMessage = null) => new()
    {
        Id = id,
        Label = label,
        Kind = FieldKind.MultiChoice,
        Required = required,
        ErrorMessage = required ? errorMessage ?? "Choose at least one." : null,
        Options = [.. options],
        Hint = hint,
    };

    public static FormField YesNo(string id, string label, bool required = true) => new()
    {
        Id = id,
        Label = label,
        Kind = FieldKind.YesNo,
        Required = required,
        ErrorMessage = required ? "Answer yes or no." : null,
    };

    public static FormField Text(string id, string label, TextLimit limit, bool required = false, bool multiline = false, string? placeholder = null) => new()
    {
        Id = id,
        Label = label,
        Kind = multiline ? FieldKind.MultilineText : FieldKind.Text,
        Required = required,
        ErrorMessage = required ? "This answer is required." : null,
        MaxLength = limit.Max,
        Placeholder = placeholder,
        Hint = limit.Min > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{limit.Min} to {limit.Max} characters.")
            : string.Create(CultureInfo.InvariantCulture, $"Up to {limit.Max} characters."),
    };

    public static FormField Date(string id, string label, bool required = false) => new()
    {
        Id = id, Label = label, Kind = FieldKind.Date, Required = required, ErrorMessage = required ? "Enter the date." : null,
    };

    public static FormField Time(string id, string label, bool required = false) => new()
    {
        Id = id, Label = label, Kind = FieldKind.Time, Required = required, ErrorMessage = required ? "Enter the time." : null,
    };

    /// <summary>The case reference input: never a name; its form is the policy's (required in the dialog, not in the emergency record).</summary>
    public static FormField CaseReference(string id, PolicyDocument policy, bool required) => new()
    {
        Id = id, Label = "Case reference (never a name)", Kind = FieldKind.Text, Required = required,
        ErrorMessage = required ? "Enter the case reference." : null, MaxLength = policy.Limits.CaseReference.Max,
        Placeholder = policy.CaseReference.Example, Hint = policy.CaseReference.Explained,
    };
}
