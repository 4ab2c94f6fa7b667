using Hypercare.LoadTesting.Http;

namespace Hypercare.LoadTesting.Tests;

public class ProjectTests
{
    [Fact]
    public void Transport_errors_start_with_none()
    {
        Assert.Equal(0, (int)TransportError.None);
    }
}
