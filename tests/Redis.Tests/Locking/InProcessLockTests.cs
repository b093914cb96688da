using System.Diagnostics;
using GridTokenX.Redis.Locking;

namespace GridTokenX.Redis.Tests.Locking;

/// <summary>Standalone mode's lock keeps <see cref="IDistributedLock"/>'s contract without Redis.</summary>
public sealed class InProcessLockTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sixteen_contenders_never_hold_a_resource_together()
    {
        var locks = new InProcessLock();
        var counter = 0;
        var inside = 0;
        var overlaps = 0;

        async Task WorkAsync()
        {
            for (var i = 0; i < 50; i++)
            {
                await using var held = await locks.AcquireAsync("account:alice", Wait, CancellationToken.None);
                Assert.NotNull(held);
                if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref overlaps);
                // A read-modify-write with a yield in between loses updates unless the lock excludes.
                var read = counter;
                await Task.Yield();
                counter = read + 1;
                Interlocked.Decrement(ref inside);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(WorkAsync)));

        Assert.Equal(16 * 50, counter);
        Assert.Equal(0, overlaps);
        Assert.Equal(16 * 50, locks.Stats.Acquired);
        Assert.True(locks.Stats.Contended > 0);
    }

    [Fact]
    public async Task Fencing_tokens_grow_per_resource()
    {
        var locks = new InProcessLock();
        var tokens = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            await using var held = await locks.AcquireAsync("wallet:alice", Wait, CancellationToken.None);
            tokens.Add(held!.FencingToken);
            Assert.Equal("wallet:alice", held.Resource);
        }

        await using var other = await locks.AcquireAsync("wallet:bob", Wait, CancellationToken.None);

        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.True(tokens[0] > 0);
        // Another resource is free while this one is taken, and counts on its own.
        Assert.NotNull(other);
    }

    [Fact]
    public async Task A_held_resource_is_refused_once_the_wait_is_spent_and_free_after_release()
    {
        var locks = new InProcessLock();
        var held = await locks.AcquireAsync("account:alice", Wait, CancellationToken.None);

        var started = Stopwatch.GetTimestamp();
        Assert.Null(await locks.AcquireAsync("account:alice", TimeSpan.FromMilliseconds(150), CancellationToken.None));
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(100));
        Assert.Null(await locks.AcquireAsync("account:alice", TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(2, locks.Stats.Refused);

        Assert.False(held!.Lost.IsCancellationRequested);
        await held.DisposeAsync();
        Assert.False(held.IsHeld);
        Assert.False(held.Lost.IsCancellationRequested);
        await using var next = await locks.AcquireAsync("account:alice", TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_takes_nothing()
    {
        var locks = new InProcessLock();
        var held = await locks.AcquireAsync("account:alice", Wait, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAsync("account:alice", Wait, cancel.Token));

        await held!.DisposeAsync();
        await using var next = await locks.AcquireAsync("account:alice", TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Force_release_fires_Lost_and_lets_the_next_holder_in_with_a_larger_token()
    {
        var locks = new InProcessLock();
        var first = await locks.AcquireAsync("wallet:alice", Wait, CancellationToken.None);
        var waiting = locks.AcquireAsync("wallet:alice", Wait, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        Assert.Equal(1, await locks.ForceReleaseAsync("wallet:alice"));

        Assert.True(first!.Lost.IsCancellationRequested);
        Assert.False(first.IsHeld);
        await using var second = await waiting.WaitAsync(Wait);
        Assert.NotNull(second);
        Assert.True(second.FencingToken > first.FencingToken);
        // The former holder letting go afterwards must not free the new holder's lock.
        await first.DisposeAsync();
        Assert.Null(await locks.AcquireAsync("wallet:alice", TimeSpan.Zero, CancellationToken.None));
        Assert.False(second.Lost.IsCancellationRequested);
        Assert.Equal(0, await locks.ForceReleaseAsync("wallet:bob"));
        Assert.Equal(new RedlockStats(Acquired: 2, Refused: 1, Contended: 2, Extended: 0, Lost: 1, ForceReleased: 2), locks.Stats);
    }

    [Fact]
    public async Task The_admin_view_lists_the_held_locks_with_holder_and_token_and_no_expiry_nor_nodes()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var locks = new InProcessLock(time: time, holder: "standalone@box/1#abcd");
        await using (var first = await locks.AcquireAsync("wallet:alice", Wait, CancellationToken.None)) Assert.NotNull(first);
        await using var held = await locks.AcquireAsync("wallet:alice", Wait, CancellationToken.None);
        Assert.NotNull(held);

        var overview = await locks.InspectAsync(CancellationToken.None);

        Assert.Equal(new HeldLock("wallet:alice", 2, "standalone@box/1#abcd", time.GetUtcNow(), null), Assert.Single(overview.Held));
        Assert.Empty(overview.Nodes);
        Assert.Equal(2, overview.Statistics.Counts.Acquired);
        Assert.Equal(2, overview.Statistics.AcquireLatency.Count);
        await held.DisposeAsync();
        Assert.Empty((await locks.InspectAsync(CancellationToken.None)).Held);
    }
}
