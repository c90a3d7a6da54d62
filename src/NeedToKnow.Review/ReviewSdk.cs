namespace NeedToKnow.Review;

/// <summary>An SDK a declaration discloses, with the privacy keys it collects.</summary>
/// <param name="Name">The SDK's name, e.g. <c>@vant/weapp</c> or <c>qqmap-wx-jssdk</c>.</param>
/// <param name="Keys">The keys it collects.</param>
public sealed record ReviewSdk(string Name, IReadOnlyList<string> Keys);
