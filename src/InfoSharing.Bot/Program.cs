using InfoSharing.Bot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddInfoSharingBot();

var app = builder.Build();
app.MapInfoSharingBot();
app.Run();
