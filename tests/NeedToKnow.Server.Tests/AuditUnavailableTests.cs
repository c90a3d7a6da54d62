using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NeedToKnow.Core.Audit;
using NeedToKnow.Core.Audit.Merkle;
using NeedToKnow.Core.Gate;
using NeedToKnow.Core.Storage;
using NeedToKnow.Server.Hosting;
using NeedToKnow.Server.Platform;

namespace NeedToKnow.Server.Tests;

#pragma warning disable NTK9001 // the test composes Core's experimental ports, as the server does

/// <summary>
/// A request that must write an audit record while the audit log pushes back gets 503 with Retry-After as problem
/// details (the server's exception handlers, in the server's order, over a real <see cref="AuditRuntime"/>).
/// </summary>
public sealed class AuditUnavailableTests : IAsyncLifetime
{
    private readonly UnavailableStore _store = new();
    private WebApplication? _app;
    private AuditRuntime? _audit;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        _audit = await AuditRuntime.OpenAsync(_store, new InMemoryGateRecordSink(), TreeHeadSigner.Generate(), new byte[32], TimeProvider.System, default);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<AuditUnavailableToProblem>();
        builder.Services.AddExceptionHandler<ExceptionToProblem>();
        _app = builder.Build();
        _app.UseExceptionHandler();
        var audit = _audit;
        _app.MapPost("/enforce", async (CancellationToken ct) =>
        {
            await audit.AppendAsync(new AuditEntry(AuditEntryKind.Enforcement, DateTimeOffset.UtcNow, "wx1", "Location", "1025", "", "ban"), ct);
            return Results.NoContent();
        });
        _app.MapPost("/overloaded", () => { throw new AuditPushbackException(TimeSpan.FromSeconds(2.5)); });
        _app.MapPost("/bug", () => { throw new InvalidOperationException("a bug"); });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_audit is not null)
        {
            await _audit.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_audit_write_whose_store_is_unavailable_is_503_with_retry_after_and_then_succeeds_when_it_is_back()
    {
        _store.Down = true;
        var response = await _client!.PostAsync("/enforce", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("urn:ntk:problem:unavailable", problem.GetProperty("type").GetString());
        Assert.Equal("the audit log's store is unavailable; nothing was recorded; retry later", problem.GetProperty("detail").GetString());
        Assert.Equal(1, problem.GetProperty("retryAfter").GetInt32());

        _store.Down = false;
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsync("/enforce", null)).StatusCode);
        Assert.Equal(1, _audit!.Log.Integrator.Snapshot.Size);
    }

    [Fact]
    public async Task A_full_audit_queue_is_503_with_the_pushback_retry_after_rounded_up()
    {
        var response = await _client!.PostAsync("/overloaded", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("the audit log is overloaded and did not take the record; retry later", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Other_errors_still_reach_the_general_handler_as_500()
    {
        var response = await _client!.PostAsync("/bug", null);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
    }

    private sealed class UnavailableStore : IAuditLogStore
    {
        private readonly MemoryAuditLogStore _inner = new();

        public volatile bool Down;

        public ValueTask<CompactRange?> LoadTreeStateAsync(CancellationToken cancellationToken) => _inner.LoadTreeStateAsync(cancellationToken);

        public ValueTask AppendAsync(IReadOnlyList<AuditLeaf> leaves, CompactRange stateAfter, CancellationToken cancellationToken) =>
            Down ? throw new StoreUnavailableException("store unavailable: sqlite file `ntk.db` is missing") : _inner.AppendAsync(leaves, stateAfter, cancellationToken);

        public IAsyncEnumerable<AuditLeaf> ReadAsync(long from, long toExclusive, CancellationToken cancellationToken) => _inner.ReadAsync(from, toExclusive, cancellationToken);

        public ValueTask AddTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken) => _inner.AddTreeHeadAsync(head, cancellationToken);

        public ValueTask<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken) => _inner.ReadTreeHeadsAsync(cancellationToken);
    }
}
