using NeedToKnow.Core.Consent;
using NeedToKnow.Core.Gate;

namespace NeedToKnow.Core.Tests.Gate;

/// <summary>The declaration snapshot's flat app table: growth, collisions, missing ids, copy on write under a reader.</summary>
public sealed class AppTableTests
{
    private static readonly DeveloperInfo Developer = new("Table Developer Ltd.", "organisation", true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(1_000)]
    [InlineData(50_000)]
    public void Every_app_is_found_and_missing_ids_are_not_at_every_size(int apps)
    {
        var snapshot = DeclarationSnapshot.Build(TestRules.Create(), Enumerable.Range(0, apps).Select(i => Live("wxsize" + i, 1)));
        Assert.Equal(apps, snapshot.AppCount);
        Assert.Equal(apps, snapshot.Apps.Count);
        Assert.True(snapshot.Apps.Capacity >= Math.Max(16, 2 * apps));
        Assert.Equal(0, snapshot.Apps.Capacity & (snapshot.Apps.Capacity - 1));
        for (var i = 0; i < apps; i++)
        {
            // A fresh string instance, as a request carries: found by value, not by reference.
            Assert.True(snapshot.TryGetApp(new string("wxsize" + i), out var app));
            Assert.Equal(("wxsize" + i, AppOrdinals.Get("wxsize" + i)), (app.AppId, app.Ordinal));
        }

        Assert.False(snapshot.TryGetApp("wxsize" + apps, out _));
        Assert.False(snapshot.TryGetApp("", out _));
        Assert.Throws<ArgumentNullException>(() => snapshot.TryGetApp(null!, out _));
    }

    [Fact]
    public void Apps_with_the_same_hash_are_told_apart_by_their_ids()
    {
        // Every entry claims hash 42: one probe run; the id comparison picks the right app or none.
        var entries = Enumerable.Range(0, 40).Select(i => Entry("wxsame" + i, 42, version: i)).ToArray();
        var table = new AppTable(entries);
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.True(table.TryGet(new string("wxsame" + i), 42, out var app));
            Assert.Same(entries[i], app);
            Assert.Equal(i, app.Version);
        }

        Assert.False(table.TryGet("wxsame40", 42, out _));
        Assert.False(table.TryGet("wxsame0", 43, out _)); // the right id under another hash is not a match
        Assert.Equal(40, table.Apps.Count());
        var twice = Assert.Throws<ArgumentException>(() => new AppTable([Entry("wxtwice", 7), Entry("wxtwice", 7)]));
        Assert.Contains("`wxtwice` appears twice", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_replaces_and_adds_apps_and_leaves_the_old_snapshot_unchanged()
    {
        var first = DeclarationSnapshot.Build(TestRules.Create(), [Live("wxw1", 1), Live("wxw2", 1), Live("wxw1", 2)]);
        Assert.Equal(2, first.AppCount);
        Assert.True(first.TryGetApp("wxw1", out var w1));
        Assert.Equal(2, w1.Version); // a later entry for the same id replaces an earlier one
        var second = first.With([Live("wxw2", 5), Live("wxw3", 1)]);
        Assert.Equal((2, 3), (first.AppCount, second.AppCount));
        Assert.True(second.TryGetApp("wxw2", out var w2));
        Assert.Equal(5, w2.Version);
        Assert.True(first.TryGetApp("wxw2", out var old));
        Assert.Equal(1, old.Version);
        Assert.False(first.TryGetApp("wxw3", out _));
        Assert.True(second.TryGetApp("wxw3", out _));
        Assert.True(second.TryGetApp("wxw1", out var kept));
        Assert.Same(w1, kept);
    }

    [Fact]
    public async Task A_reader_finds_every_published_app_while_a_writer_publishes_new_snapshots()
    {
        // The gate service's pattern: a writer builds each new snapshot with With (growing the table many times) and
        // publishes it; a reader on the published snapshot finds every app published before its read, never a wrong one.
        const int Apps = 3_000;
        var current = DeclarationSnapshot.Build(TestRules.Create(), []);
        var published = 0;
        var failures = 0;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Apps; i += 10)
            {
                var next = current.With(Enumerable.Range(i, 10).Select(j => Live("wxrace" + j, j)));
                Volatile.Write(ref current, next);
                Volatile.Write(ref published, i + 10);
            }
        });
        var reader = Task.Run(() =>
        {
            var rng = new Random(1);
            while (Volatile.Read(ref published) < Apps)
            {
                var n = Volatile.Read(ref published);
                var snapshot = Volatile.Read(ref current);
                if (n == 0)
                {
                    continue;
                }

                var i = rng.Next(n);
                if (!snapshot.TryGetApp("wxrace" + i, out var app) || app.Version != i || app.AppId != "wxrace" + i)
                {
                    Interlocked.Increment(ref failures);
                }

                if (snapshot.TryGetApp("wxrace" + (n + Apps), out _))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        await Task.WhenAll(writer, reader);
        Assert.Equal(0, failures);
        Assert.Equal(Apps, current.AppCount);
    }

    [Fact]
    public void Apps_with_equal_admission_lists_share_one_array_and_different_lists_do_not()
    {
        LiveAppDeclaration With(string appId, string[] admissions, string[] banned) =>
            new(new AppRecord(appId, AppStatus.Live, 1, Developer, admissions, banned),
                new DeclarationVersion(appId, 1, [new DeclaredItem("Location", "p", true)], null, DateTimeOffset.UnixEpoch));
        var snapshot = DeclarationSnapshot.Build(TestRules.Create(),
        [
            With("wxl1", ["Location", "PhoneNumber"], []), With("wxl2", [new string("Location"), "PhoneNumber"], []),
            With("wxl3", ["2:ab"], ["x"]), With("wxl4", ["2:a", "b"], ["x"]), With("wxl5", ["Location"], []),
        ]);
        var apps = Enumerable.Range(1, 5).Select(i => snapshot.TryGetApp("wxl" + i, out var a) ? a : throw new InvalidOperationException("wxl" + i)).ToArray();
        Assert.Same(apps[0].Admissions, apps[1].Admissions);
        Assert.Equal(["Location", "PhoneNumber"], apps[1].Admissions);
        Assert.NotSame(apps[2].Admissions, apps[3].Admissions); // length-prefixed keys: no two lists collide
        Assert.Equal(["2:ab"], apps[2].Admissions);
        Assert.Equal(["2:a", "b"], apps[3].Admissions);
        Assert.Same(apps[2].BannedKeys, apps[3].BannedKeys);
        Assert.Equal(["Location"], apps[4].Admissions);
        Assert.Empty(apps[0].BannedKeys);
    }

    private static LiveAppDeclaration Live(string appId, int version) =>
        new(new AppRecord(appId, AppStatus.Live, 1, Developer, [], []),
            new DeclarationVersion(appId, version, [new DeclaredItem("Location", "to show stores near you", true)], null, DateTimeOffset.UnixEpoch));

    private static AppEntry Entry(string appId, ulong hash, int version = 1) =>
        new(appId, hash, AppOrdinals.Get(appId), AppStatus.Live, version, "organisation", true, [], [], []);
}
