using NeedToKnow.Server.Auth;

namespace NeedToKnow.Server.Tests;

public class UserTokenTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_token_expires_at_its_lifetime()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var service = new UserTokenService(new byte[32], time);
        var (token, expires) = service.Issue("user-7", TimeSpan.FromMinutes(5));
        Assert.Equal(time.Now.AddMinutes(5), expires);
        Assert.Equal("user-7", service.Validate(token));
        time.Now = time.Now.AddMinutes(5);
        Assert.Null(service.Validate(token));
    }

    [Fact]
    public void A_token_signed_with_another_secret_is_refused()
    {
        var time = new FixedTime(DateTimeOffset.UnixEpoch.AddYears(56));
        var (token, _) = new UserTokenService(new byte[32], time).Issue("u", TimeSpan.FromMinutes(1));
        var other = new byte[32];
        other[0] = 1;
        Assert.Null(new UserTokenService(other, time).Validate(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ntku_")]
    [InlineData("ntku_abc")]
    [InlineData("ntku_!!!.???")]
    [InlineData("ntk_operator_x")]
    public void Malformed_tokens_are_refused(string token)
    {
        Assert.Null(new UserTokenService(new byte[32], TimeProvider.System).Validate(token));
    }

    [Fact]
    public void Lifetimes_over_an_hour_are_refused()
    {
        var service = new UserTokenService(new byte[32], TimeProvider.System);
        Assert.Throws<ArgumentException>(() => service.Issue("u", TimeSpan.FromHours(2)));
        Assert.Throws<ArgumentException>(() => service.Issue("a|b", TimeSpan.FromMinutes(1)));
    }
}
