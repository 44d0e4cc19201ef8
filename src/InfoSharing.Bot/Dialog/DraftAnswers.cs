namespace InfoSharing.Bot.Dialog;

/// <summary>The answers given so far, one typed record per section (null until the section is completed).</summary>
public sealed record DraftAnswers
{
    public static readonly DraftAnswers Empty = new();

    public UrgencyAnswers? Urgency { get; init; }
    public AboutAnswers? About { get; init; }
    public WhatAnswers? What { get; init; }
    public WithWhomAnswers? WithWhom { get; init; }
    public WhyAnswers? Why { get; init; }
    public LegalBasisAnswers? LegalBasis { get; init; }
    public NecessityAnswers? Necessity { get; init; }
    public ConsentAnswers? Consent { get; init; }
    public AdviceAnswers? Advice { get; init; }
}
