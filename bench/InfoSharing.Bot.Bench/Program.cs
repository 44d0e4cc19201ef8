using InfoSharing.Bot.Bench;

// The benchmark: the real bot as a child process, a loopback channel playing Teams, simulated practitioners and approvers.
if (BenchOptions.Parse(args, Console.Error) is not { } options)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await BenchRunner.RunAsync(options, CancellationToken.None);
