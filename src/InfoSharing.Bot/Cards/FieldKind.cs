namespace InfoSharing.Bot.Cards;

public enum FieldKind
{
    /// <summary>One choice from a list (Input.ChoiceSet).</summary>
    SingleChoice,

    /// <summary>Several choices (Input.ChoiceSet, isMultiSelect; the value is comma-separated).</summary>
    MultiChoice,

    /// <summary>Yes or no as two expanded choices, so that "not answered" differs from "no".</summary>
    YesNo,

    Text,
    MultilineText,

    /// <summary>Input.Date; the value is yyyy-MM-dd.</summary>
    Date,

    /// <summary>A checkbox (Input.Toggle) whose value is "true" or "false".</summary>
    Toggle,

    /// <summary>Input.Time; the value is HH:mm.</summary>
    Time,
}
