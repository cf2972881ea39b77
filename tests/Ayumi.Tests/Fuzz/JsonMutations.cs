using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ayumi.Tests.Fuzz;

/// <summary>
/// Mutations of a plan file's JSON structure: a property dropped, renamed or given a value of
/// another type, an array's items dropped, doubled or swapped, strings and numbers at the edges.
/// One in six is a mutation of the bytes instead (cut, garbled), as an editor or a transfer leaves it.
/// </summary>
internal static class JsonMutations
{
    private static readonly JsonNode?[] Values =
    [
        null, true, 0, -1, 1.5, 2147483648L, 1e308, "", " ", "x", "FY2024", "FY0", "R99", "令和元年度", "2019", "-1",
        "published", "draft", "ended", "succeeded", "percentage", "A", "①", "1-1", "212105", "000000", "13219X",
        new string('あ', 3000),
    ];

    public static byte[] Mutate(Random random, byte[] json)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException) { return ByteMutations.Mutate(random, json); }
        if (root is null || random.Next(6) == 0) return ByteMutations.Mutate(random, json);

        var nodes = new List<JsonNode>();
        // JsonNode reads lazily: a name twice or bytes that are not UTF-8 (an earlier byte mutation's) throw when first read.
        try
        {
            _ = root.ToJsonString();
            Collect(root, nodes);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return ByteMutations.Mutate(random, json); }
        var node = nodes[random.Next(nodes.Count)];
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                var property = o.ElementAt(random.Next(o.Count)).Key;
                switch (random.Next(4))
                {
                    case 0: o.Remove(property); break;
                    case 1:
                        var value = o[property];
                        o.Remove(property);
                        o[random.Next(2) == 0 ? property + "s" : property.ToUpperInvariant()] = value;
                        break;
                    case 2: o[property] = Value(random, nodes); break;
                    default: o[property] = new JsonArray(o[property]?.DeepClone()); break;
                }
                break;
            case JsonArray a when a.Count > 0:
                var at = random.Next(a.Count);
                switch (random.Next(4))
                {
                    case 0: a.RemoveAt(at); break;
                    case 1: a.Insert(at, a[at]?.DeepClone()); break;
                    case 2:
                        var other = random.Next(a.Count);
                        var (x, y) = (a[at]?.DeepClone(), a[other]?.DeepClone());
                        a[at] = y;
                        a[other] = x;
                        break;
                    default: a[at] = Value(random, nodes); break;
                }
                break;
            case JsonValue v when v.Parent is JsonObject parent:
                parent[parent.First(p => ReferenceEquals(p.Value, v)).Key] = Value(random, nodes);
                break;
            case JsonValue v when v.Parent is JsonArray array:
                array[array.IndexOf(v)] = Value(random, nodes);
                break;
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true }));
    }

    /// <summary>An edge value, or a copy of another node of the file (a measure where a node was, a name where a year was).</summary>
    private static JsonNode? Value(Random random, List<JsonNode> nodes) =>
        random.Next(3) == 0 ? nodes[random.Next(nodes.Count)].DeepClone() : Values[random.Next(Values.Length)]?.DeepClone();

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) if (child is not null) Collect(child, into);
                break;
            case JsonArray a:
                foreach (var child in a) if (child is not null) Collect(child, into);
                break;
        }
    }
}
