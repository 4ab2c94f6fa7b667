using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hypercare.LoadTesting.Tests.Distributed;

/// <summary>
/// A strict check of the Kubernetes objects the writer emits, written from the Kubernetes API
/// reference for the fields used: unknown fields, missing required fields, wrong scalar types
/// (a quoted number where an integer is expected, a bare number where a string is) and values
/// outside an enum all fail. Stands in for an official JSON schema, which no reachable package ships.
/// </summary>
internal abstract record KubernetesShape
{
    public abstract void Check(YamlNode node, string path, List<string> errors);

    public static List<string> CheckDocument(YamlNode document)
    {
        var errors = new List<string>();
        var kind = document is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("kind"), out var kindNode)
            ? ((YamlScalarNode)kindNode).Value
            : null;
        var shape = kind switch
        {
            "ConfigMap" => ConfigMap,
            "PersistentVolumeClaim" => PersistentVolumeClaim,
            "Job" => Job,
            _ => null,
        };
        if (shape is null)
        {
            errors.Add($"unknown kind '{kind}'");
        }
        else
        {
            shape.Check(document, "", errors);
        }

        return errors;
    }

    private static readonly Regex DnsLabel = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static readonly Regex DnsSubdomain = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static readonly Regex LabelValue = new("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    private static readonly Regex Quantity = new(@"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$");

    private static readonly KubernetesShape Labels = new MapOf(new Text(LabelValue, 63));

    private static KubernetesShape Metadata(Regex namePattern, int nameLength) => new Obj(
        ["name"],
        new()
        {
            ["name"] = new Text(namePattern, nameLength),
            ["namespace"] = new Text(DnsLabel, 63),
            ["labels"] = Labels,
        });

    private static readonly KubernetesShape ConfigMap = new Obj(
        ["apiVersion", "kind", "metadata"],
        new()
        {
            ["apiVersion"] = new Enum("v1"),
            ["kind"] = new Enum("ConfigMap"),
            ["metadata"] = Metadata(DnsSubdomain, 253),
            ["data"] = new MapOf(new Text()),
        });

    private static readonly KubernetesShape PersistentVolumeClaim = new Obj(
        ["apiVersion", "kind", "metadata", "spec"],
        new()
        {
            ["apiVersion"] = new Enum("v1"),
            ["kind"] = new Enum("PersistentVolumeClaim"),
            ["metadata"] = Metadata(DnsSubdomain, 253),
            ["spec"] = new Obj(
                ["accessModes", "resources"],
                new()
                {
                    ["accessModes"] = new ListOf(new Enum("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")),
                    ["resources"] = new Obj([], new() { ["requests"] = new MapOf(new Text(Quantity)) }),
                    ["storageClassName"] = new Text(DnsSubdomain, 253),
                }),
        });

    private static readonly KubernetesShape Container = new Obj(
        ["name", "image"],
        new()
        {
            ["name"] = new Text(DnsLabel, 63),
            ["image"] = new Text(),
            ["command"] = new ListOf(new Text()),
            ["args"] = new ListOf(new Text()),
            ["env"] = new ListOf(new Obj(
                ["name"],
                new()
                {
                    ["name"] = new Text(new Regex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")),
                    ["value"] = new Text(),
                    ["valueFrom"] = new Obj([], new()
                    {
                        ["fieldRef"] = new Obj(["fieldPath"], new() { ["fieldPath"] = new Text(), ["apiVersion"] = new Text() }),
                    }),
                })),
            ["volumeMounts"] = new ListOf(new Obj(
                ["name", "mountPath"],
                new() { ["name"] = new Text(DnsLabel, 63), ["mountPath"] = new Text(), ["readOnly"] = new Flag() })),
        });

    private static readonly KubernetesShape Volume = new Obj(
        ["name"],
        new()
        {
            ["name"] = new Text(DnsLabel, 63),
            ["configMap"] = new Obj([], new() { ["name"] = new Text(DnsSubdomain, 253) }),
            ["persistentVolumeClaim"] = new Obj(["claimName"], new() { ["claimName"] = new Text(DnsSubdomain, 253) }),
        });

    private static readonly KubernetesShape Job = new Obj(
        ["apiVersion", "kind", "metadata", "spec"],
        new()
        {
            ["apiVersion"] = new Enum("batch/v1"),
            ["kind"] = new Enum("Job"),
            ["metadata"] = Metadata(DnsLabel, 63),
            ["spec"] = new Obj(
                ["template"],
                new()
                {
                    ["completionMode"] = new Enum("Indexed", "NonIndexed"),
                    ["completions"] = new Whole(0, 100_000),
                    ["parallelism"] = new Whole(0, 100_000),
                    ["backoffLimit"] = new Whole(0, int.MaxValue),
                    ["template"] = new Obj(
                        ["spec"],
                        new()
                        {
                            ["metadata"] = new Obj([], new() { ["labels"] = Labels }),
                            ["spec"] = new Obj(
                                ["containers", "restartPolicy"],
                                new()
                                {
                                    // A Job's pods may not restart Always.
                                    ["restartPolicy"] = new Enum("Never", "OnFailure"),
                                    ["containers"] = new ListOf(Container, MinimumCount: 1),
                                    ["volumes"] = new ListOf(Volume),
                                }),
                        }),
                }),
        });

    private sealed record Obj(string[] Required, Dictionary<string, KubernetesShape> Properties) : KubernetesShape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlMappingNode mapping)
            {
                errors.Add($"{path}: expected an object");
                return;
            }

            var keys = mapping.Children.Keys.Cast<YamlScalarNode>().Select(key => key.Value!).ToHashSet();
            errors.AddRange(Required.Where(key => !keys.Contains(key)).Select(key => $"{path}.{key}: required"));
            foreach (var (key, value) in mapping.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                if (Properties.TryGetValue(name, out var shape))
                {
                    shape.Check(value, $"{path}.{name}", errors);
                }
                else
                {
                    errors.Add($"{path}.{name}: unknown field");
                }
            }
        }
    }

    private sealed record MapOf(KubernetesShape Values) : KubernetesShape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlMappingNode mapping)
            {
                errors.Add($"{path}: expected a map");
                return;
            }

            foreach (var (key, value) in mapping.Children)
            {
                new Text().Check(key, $"{path} key", errors);
                Values.Check(value, $"{path}[{((YamlScalarNode)key).Value}]", errors);
            }
        }
    }

    private sealed record ListOf(KubernetesShape Items, int MinimumCount = 0) : KubernetesShape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlSequenceNode sequence)
            {
                errors.Add($"{path}: expected a list");
                return;
            }

            if (sequence.Children.Count < MinimumCount)
            {
                errors.Add($"{path}: expected at least {MinimumCount} items");
            }

            for (var i = 0; i < sequence.Children.Count; i++)
            {
                Items.Check(sequence.Children[i], $"{path}[{i}]", errors);
            }
        }
    }

    /// <summary>A string: quoted or block, or plain only where a YAML 1.1 reader would not take it for another type.</summary>
    private sealed record Text(Regex? Pattern = null, int MaxLength = int.MaxValue) : KubernetesShape
    {
        private static readonly Regex NonString = new(
            @"^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_.:eE+-]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))?$");

        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlScalarNode scalar || scalar.Value is null)
            {
                errors.Add($"{path}: expected a string");
                return;
            }

            if ((scalar.Style is ScalarStyle.Plain or ScalarStyle.Any) && NonString.IsMatch(scalar.Value))
            {
                errors.Add($"{path}: '{scalar.Value}' is plain and would be read as a non-string");
            }

            if (Pattern is not null && !Pattern.IsMatch(scalar.Value))
            {
                errors.Add($"{path}: '{scalar.Value}' does not match {Pattern}");
            }

            if (scalar.Value.Length > MaxLength)
            {
                errors.Add($"{path}: longer than {MaxLength}");
            }
        }
    }

    private sealed record Enum(params string[] Values) : KubernetesShape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            new Text().Check(node, path, errors);
            if (node is YamlScalarNode scalar && !Values.Contains(scalar.Value))
            {
                errors.Add($"{path}: '{scalar.Value}' is not one of {string.Join(", ", Values)}");
            }
        }
    }

    private sealed record Whole(long Minimum, long Maximum) : KubernetesShape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
                || !long.TryParse(scalar.Value, out var value))
            {
                errors.Add($"{path}: expected a plain integer");
                return;
            }

            if (value < Minimum || value > Maximum)
            {
                errors.Add($"{path}: {value} is outside {Minimum}..{Maximum}");
            }
        }
    }

    private sealed record Flag : KubernetesShape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "true" or "false" })
            {
                errors.Add($"{path}: expected a plain boolean");
            }
        }
    }
}
