using System.Net.Http.Headers;

namespace InfoSharing.Bot.Connector;

/// <summary>Pure backoff arithmetic for the retry handler.</summary>
internal static class RetryDelay
{
    /// <summary>
    /// The wait before retry number <paramref name="retryIndex"/> (0 for the first retry): the server's <c>Retry-After</c> when
    /// present, else <paramref name="initialDelay"/> · 2^retryIndex with ±20 % jitter, capped at <paramref name="maxDelay"/>.
    /// Null when the server asks for more than <paramref name="maxDelay"/>: waiting less would not honour it, so give up.
    /// </summary>
    /// <param name="jitter">A value in [0, 1); 0.5 means no jitter.</param>
    public static TimeSpan? Next(
        RetryConditionHeaderValue? retryAfter,
        int retryIndex,
        DateTimeOffset now,
        TimeSpan initialDelay,
        TimeSpan maxDelay,
        double jitter)
    {
        if (Requested(retryAfter, now) is { } requested)
        {
            return requested <= maxDelay ? requested : null;
        }

        var nominal = initialDelay.Ticks * Math.Pow(2, Math.Clamp(retryIndex, 0, 30));
        var jittered = nominal * (0.8 + (0.4 * Math.Clamp(jitter, 0, 1)));
        return TimeSpan.FromTicks((long)Math.Min(jittered, maxDelay.Ticks));
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (delta-seconds or HTTP date), never negative; null when absent.</summary>
    public static TimeSpan? Requested(RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
