namespace InfoSharing.Bot.Dialog;

/// <summary>Record the request, give it a reference, tell the practitioner the reference and post the approval card.</summary>
public sealed record SubmitRequestEffect(RequestSubmission Submission) : DialogEffect;
