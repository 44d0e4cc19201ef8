using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Dialog;

/// <summary>Something the host must do after the turn (the dialog itself does no I/O).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(SubmitRequestEffect), "submitRequest")]
[JsonDerivedType(typeof(ListMyRequestsEffect), "listMyRequests")]
[JsonDerivedType(typeof(StartEmergencyEffect), "startEmergency")]
[JsonDerivedType(typeof(StartAdviceEffect), "startAdvice")]
[JsonDerivedType(typeof(RecordNotSharedEffect), "recordNotShared")]
public abstract record DialogEffect;
