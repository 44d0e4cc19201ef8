using System.Net.Http.Headers;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1, null, 0, 0.5, 1000)]
    [InlineData(0, null, 0, 0.5, 0)]
    [InlineData(10, null, 2, 0.5, 10000)]
    [InlineData(11, null, 0, 0.5, null)]
    [InlineData(3600, null, 0, 0.5, null)]
    [InlineData(null, 3, 0, 0.5, 3000)]
    [InlineData(null, -30, 0, 0.5, 0)]
    [InlineData(null, 60, 0, 0.5, null)]
    [InlineData(null, null, 0, 0.5, 200)]
    [InlineData(null, null, 1, 0.5, 400)]
    [InlineData(null, null, 2, 0.5, 800)]
    [InlineData(null, null, 0, 0.0, 160)]
    [InlineData(null, null, 0, 0.99999, 240)]
    [InlineData(null, null, 9, 0.5, 10000)]
    [InlineData(null, null, 40, 1.0, 10000)]
    public void Next_RetryAfterOrBackoff_MatchesTable(int? deltaSeconds, int? dateInSeconds, int retryIndex, double jitter, int? expectedMilliseconds)
    {
        RetryConditionHeaderValue? header = (deltaSeconds, dateInSeconds) switch
        {
            ({ } delta, _) => new RetryConditionHeaderValue(TimeSpan.FromSeconds(delta)),
            (_, { } date) => new RetryConditionHeaderValue(Now.AddSeconds(date)),
            _ => null,
        };

        var delay = RetryDelay.Next(header, retryIndex, Now, Initial, Cap, jitter);

        Assert.Equal(expectedMilliseconds, delay is { } d ? (int)Math.Round(d.TotalMilliseconds) : null);
    }

    [Fact]
    public void Requested_ParsedHttpDateHeader_IsTheWaitUntilThatDate()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "Mon, 02 Mar 2026 09:00:07 GMT");

        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.Requested(response.Headers.RetryAfter, Now));
    }
}
