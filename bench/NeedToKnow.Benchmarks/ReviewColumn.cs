using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NeedToKnow.Benchmarks;

/// <summary>
/// A column computed from a case and its mean time in seconds, such as MB/s (work / mean) or ms/MB
/// (mean / work). Computed in the host process, which measures the corpus itself.
/// </summary>
internal sealed class ReviewColumn(string name, string legend, Func<BenchmarkCase, double, double> value) : IColumn
{
    public string Id => "Review" + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is null or <= 0)
        {
            return "-";
        }

        return value(benchmarkCase, mean.Value / 1e9).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    /// <summary>The value of parameter <paramref name="name"/> of <paramref name="benchmarkCase"/>, as an int.</summary>
    public static int Param(BenchmarkCase benchmarkCase, string name) =>
        Convert.ToInt32(benchmarkCase.Parameters.Items.First(p => p.Name == name).Value, System.Globalization.CultureInfo.InvariantCulture);
}
