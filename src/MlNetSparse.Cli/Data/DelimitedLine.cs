using System.Text;

namespace MlNetSparse.Cli.Data;

/// <summary>Splits one line of a delimited file into fields, honouring double quotes as ML.NET's TextLoader does with quoting on.</summary>
internal static class DelimitedLine
{
    /// <summary>The fields of <paramref name="line"/>; a quoted field may hold the separator, and "" inside quotes is one quote.</summary>
    public static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (c == '"' && field.Length == 0)
                quoted = true;
            else if (c == separator)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString().Trim());
        return fields;
    }
}
