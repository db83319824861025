using Spectre.Console;

namespace DurableObjects.Cli.Output;

/// <summary>Plain tables: every cell is text, never markup (names and messages come from the server and users).</summary>
public static class Tables
{
    public static Table Of(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }
        return table;
    }

    public static Table Row(this Table table, params string?[] cells)
    {
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c ?? "")).ToArray());
        return table;
    }

    /// <summary>"3 minutes ago" style is for web pages; scripts and logs want an exact, sortable UTC time.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "";
}
