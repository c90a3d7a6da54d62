using System.Net;
using System.Net.Http.Json;
using NeedToKnow.Core.Audit;

namespace NeedToKnow.Server.Tests;

public class AuditExportTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_csv_export_is_the_same_format_as_the_cli_one_row_per_entry_and_refused_to_hosts()
    {
        using var op = fixture.Client(ServerFixture.OperatorKey);
        await ExampleApp.RegisterLiveAsync(op, "wxexport01");
        using var host = fixture.Client(await fixture.KeyFor("Host"));
        var answer = await host.PostAsJsonAsync("/v1/gate/answers", new { appId = "wxexport01", userId = "export-user", kind = "declaration", keys = new[] { "Album" }, granted = true });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        using var auditor = fixture.Client(await fixture.KeyFor("Auditor"));
        var response = await auditor.GetAsync("/v1/audit/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditCsv.Header, lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            Assert.StartsWith((i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ",", lines[i], StringComparison.Ordinal);
            Assert.Equal(11, lines[i].Split(',').Length);
        }

        Assert.Contains(lines, l => l.Contains(",Consent,", StringComparison.Ordinal) && l.Contains(",wxexport01,", StringComparison.Ordinal) && l.Contains(",Album,", StringComparison.Ordinal) && l.Contains(",granted,", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync("/v1/audit/export.csv")).StatusCode);
    }
}
