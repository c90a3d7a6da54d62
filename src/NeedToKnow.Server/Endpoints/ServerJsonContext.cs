using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeedToKnow.Server.Endpoints;

/// <summary>
/// Source-generated JSON metadata for the hot endpoints' requests and responses (gate, links): no reflection per
/// request or at first use. Other endpoints fall back to the reflection resolver.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GateEndpoints.DecideRequest))]
[JsonSerializable(typeof(GateEndpoints.BatchRequest))]
[JsonSerializable(typeof(GateEndpoints.AnswerRequest))]
[JsonSerializable(typeof(GateEndpoints.DecisionView))]
[JsonSerializable(typeof(GateEndpoints.BatchView))]
[JsonSerializable(typeof(LinkEndpoints.LinkRequest))]
[JsonSerializable(typeof(LinkEndpoints.LinkView))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
