/** A command line that cannot be understood: exit code 2 (1 for `fmt`, as upstream). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Long name without dashes, e.g. `max-warnings`. */
  name: string;
  short?: string;
  /** Takes a value (`--name value` or `--name=value`). */
  value?: boolean;
  /** May be given several times (values collected in order). */
  repeatable?: boolean;
}

export interface ParsedArguments {
  flags: Set<string>;
  values: Map<string, string[]>;
  positionals: string[];
}

/**
 * A small getopt: long options (`--name`, `--name=value`, `--no-name` for
 * booleans declared as `no-name`), short options (`-w`, `-wt`, `-o FILE`),
 * `--` ends the options and a lone `-` is a positional (standard input).
 */
export function parseArguments(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArguments {
  const byLong = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short).map((spec) => [spec.short!, spec]));
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const setValue = (spec: OptionSpec, value: string): void => {
    const existing = values.get(spec.name);
    if (existing && !spec.repeatable) throw new UsageError(`option --${spec.name} given more than once`);
    values.set(spec.name, [...(existing ?? []), value]);
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (argument.startsWith('--')) {
      const equals = argument.indexOf('=');
      const name = argument.slice(2, equals === -1 ? undefined : equals);
      const spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown option: --${name}`);
      if (spec.value) {
        let value: string | undefined;
        if (equals !== -1) value = argument.slice(equals + 1);
        else {
          value = argv[index + 1];
          index += 1;
        }
        if (value === undefined) throw new UsageError(`option --${name} needs a value`);
        setValue(spec, value);
      } else {
        if (equals !== -1) throw new UsageError(`option --${name} does not take a value`);
        flags.add(spec.name);
      }
      continue;
    }
    if (argument.startsWith('-') && argument !== '-') {
      for (let position = 1; position < argument.length; position += 1) {
        const letter = argument[position]!;
        const spec = byShort.get(letter);
        if (!spec) throw new UsageError(`unknown option: -${letter}`);
        if (spec.value) {
          const rest = argument.slice(position + 1);
          const value = rest !== '' ? rest : argv[index + 1];
          if (rest === '') index += 1;
          if (value === undefined) throw new UsageError(`option -${letter} needs a value`);
          setValue(spec, value);
          break;
        }
        flags.add(spec.name);
      }
      continue;
    }
    positionals.push(argument);
  }
  return { flags, values, positionals };
}

export function singleValue(parsed: ParsedArguments, name: string): string | undefined {
  const list = parsed.values.get(name);
  return list?.[list.length - 1];
}
