using System.Text;
using System.Text.Json;

namespace Ayumi.Features.PlanFiles;

/// <summary>Finds the line of a JSON path such as <c>$.plans[0].measures[3].parent</c> in a document's text.</summary>
internal static class JsonLineLocator
{
    public static int? LineOf(byte[] json, string path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<Frame>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                var current = stack.Count == 0 ? "$" : stack.Peek().ChildPath(pendingProperty);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        if (stack.Peek().ChildPath(pendingProperty) == path) return Line(json, reader.TokenStartIndex);
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (current == path) return Line(json, reader.TokenStartIndex);
                        if (stack.Count > 0 && stack.Peek().IsArray) stack.Peek().Index++;
                        stack.Push(new Frame(current, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.Pop();
                        break;
                    default:
                        if (current == path) return Line(json, reader.TokenStartIndex);
                        if (stack.Count > 0 && stack.Peek().IsArray) stack.Peek().Index++;
                        break;
                }
                pendingProperty = null;
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    private static int Line(byte[] json, long offset)
    {
        var line = 1;
        for (var i = 0; i < offset; i++) if (json[i] == (byte)'\n') line++;
        return line;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; }
        public string ChildPath(string? property) => IsArray ? $"{path}[{Index}]" : $"{path}.{property}";
    }
}
