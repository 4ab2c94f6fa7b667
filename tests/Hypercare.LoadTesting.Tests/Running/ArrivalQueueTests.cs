using Hypercare.LoadTesting.Running;

namespace Hypercare.LoadTesting.Tests.Running;

public class ArrivalQueueTests
{
    [Fact]
    public async Task AnIdleUser_GetsTheNextArrival_Directly()
    {
        var queue = new ArrivalQueue();
        var waiter = new ArrivalWaiter();
        var pending = queue.TakeAsync(waiter);
        Assert.False(pending.IsCompleted);

        Assert.True(queue.Offer(new Arrival(7, 100)));
        var (ok, arrival) = await pending;
        Assert.True(ok);
        Assert.Equal(7, arrival.Index);
    }

    [Fact]
    public async Task WithNoIdleUser_ArrivalsWaitInOrder_AndTheBacklogEmptiesBeforeTheEnd()
    {
        var queue = new ArrivalQueue();
        Assert.False(queue.Offer(new Arrival(1, 10)));
        Assert.False(queue.Offer(new Arrival(2, 20)));
        queue.Complete();
        var waiter = new ArrivalWaiter();

        Assert.Equal(1, (await queue.TakeAsync(waiter)).Arrival.Index);
        Assert.Equal(2, (await queue.TakeAsync(waiter)).Arrival.Index);
        Assert.False((await queue.TakeAsync(waiter)).Ok);
    }

    [Fact]
    public async Task Completing_EndsIdleUsers_AndDrainingCountsWhatWasNeverSent()
    {
        var queue = new ArrivalQueue();
        var idle = queue.TakeAsync(new ArrivalWaiter());
        queue.Complete();
        Assert.False((await idle).Ok);

        var other = new ArrivalQueue();
        other.Offer(new Arrival(1, 1));
        other.Offer(new Arrival(2, 2));
        Assert.Equal(2, other.DrainBacklog());
        Assert.Equal(0, other.DrainBacklog());
    }

    [Fact]
    public async Task AWaiter_IsReusedAcrossManyArrivals()
    {
        var queue = new ArrivalQueue();
        var waiter = new ArrivalWaiter();
        for (var i = 0; i < 1000; i++)
        {
            var pending = queue.TakeAsync(waiter);
            queue.Offer(new Arrival(i, i));
            Assert.Equal(i, (await pending).Arrival.Index);
        }
    }
}
