using Hypercare.LoadTesting.Plans;

namespace Hypercare.LoadTesting.Tests.Running;

internal static class TestPlans
{
    public static LoadPlan Parse(string yaml, string? directory = null) =>
        LoadPlanReader.Parse("plan.yaml", yaml, directory ?? AppContext.BaseDirectory);
}
