using SosepBot.Core.Errors;

namespace SosepBot.Bot.Cli;

/// <summary>"verb --name value --flag positional"; options with a colon (--Database:Provider) go to the configuration.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    public string? Verb { get; private set; }

    public List<string> Positional { get; } = [];

    public List<string> ConfigurationArgs { get; } = [];

    public static CliArguments Parse(IEnumerable<string> args)
    {
        var parsed = new CliArguments();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                var value = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) ? list[++i] : null;
                if (name.Contains(':', StringComparison.Ordinal))
                {
                    parsed.ConfigurationArgs.Add(arg);
                    if (value is not null)
                    {
                        parsed.ConfigurationArgs.Add(value);
                    }
                }
                else
                {
                    parsed._options[name] = value;
                }
            }
            else if (parsed.Verb is null)
            {
                parsed.Verb = arg.ToLowerInvariant();
            }
            else
            {
                parsed.Positional.Add(arg);
            }
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _options.ContainsKey(name);

    public string Require(string name) =>
        Option(name) is { Length: > 0 } value
            ? value
            : throw new DomainException(ErrorKind.Invalid, CliTexts.MissingOption(name));
}
