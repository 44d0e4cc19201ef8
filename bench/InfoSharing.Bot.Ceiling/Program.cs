using InfoSharing.Bot.Ceiling;

// The ceiling target: POST /api/messages → parse the activity → POST one fixed card back to its serviceUrl → 200.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var replies = new CardReplies();
app.MapPost("/api/messages", replies.HandleAsync);
await app.RunAsync();
