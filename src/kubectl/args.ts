// kubectl's flag rules (cobra on spf13/pflag): `--flag=value`, `--flag value`, `-n x`, `-nx`,
// `-n=x`, grouped boolean shorthands (`-Aw`), `--bool=false`, and `--` ending the flags. Errors are
// pflag's own sentences; kubectl prints them as `error: <message>` followed by a pointer to --help.

export type FlagKind = 'bool' | 'string' | 'int' | 'stringArray';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
}

export type FlagValue = boolean | string | number | string[];

export interface ParsedArgs {
  positional: string[];
  /** Flag values by long name (the last one wins; stringArray flags collect every use). */
  flags: Map<string, FlagValue>;
}

/** A command line kubectl refuses before doing anything; `message` has no `error: ` prefix. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly verb?: string,
  ) {
    super(message);
  }
}

/** kubectl's rendering of a usage error, with its trailing newline. */
export function usageText(e: UsageError): string {
  const hint = e.verb === undefined ? '' : `See 'kubectl ${e.verb} --help' for usage.\n`;
  return `error: ${e.message}\n${hint}`;
}

/** The flags every kubectl command accepts (a subset of kubectl's global flags that matter here). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'context', kind: 'string' },
  { name: 'cluster', kind: 'string' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'v', short: 'v', kind: 'int' },
  { name: 'request-timeout', kind: 'string' },
];

function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function convert(spec: FlagSpec, raw: string, verb?: string): FlagValue {
  if (spec.kind === 'bool') {
    const v = parseGoBool(raw);
    if (v === undefined) throw new UsageError(`invalid argument "${raw}" for "${flagLabel(spec)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`, verb);
    return v;
  }
  if (spec.kind === 'int') {
    if (!/^[+-]?\d+$/.test(raw)) throw new UsageError(`invalid argument "${raw}" for "${flagLabel(spec)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`, verb);
    const n = Number(raw);
    if (!Number.isSafeInteger(n)) throw new UsageError(`invalid argument "${raw}" for "${flagLabel(spec)}" flag: strconv.ParseInt: parsing "${raw}": value out of range`, verb);
    return n;
  }
  return raw;
}

/** Go's strconv.ParseBool. */
function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

function store(flags: Map<string, FlagValue>, spec: FlagSpec, value: FlagValue): void {
  if (spec.kind === 'stringArray') {
    const prev = flags.get(spec.name);
    flags.set(spec.name, [...(Array.isArray(prev) ? prev : []), value as string]);
  } else flags.set(spec.name, value);
}

/**
 * Splits a verb's words into positionals and flags. `specs` are the verb's own flags; the global
 * flags are always accepted. Throws UsageError (tagged with `verb`) on anything pflag refuses.
 */
export function parseFlags(words: readonly string[], specs: readonly FlagSpec[], verb: string): ParsedArgs {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short as string, s]));
  const positional: string[] = [];
  const flags = new Map<string, FlagValue>();
  const fail = (message: string): never => {
    throw new UsageError(message, verb);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      if (name === '' || name.startsWith('-') || name.startsWith('=')) fail(`bad flag syntax: ${w}`);
      const spec = byName.get(name);
      if (!spec) return fail(`unknown flag: --${name}`);
      if (eq >= 0) store(flags, spec, convert(spec, w.slice(eq + 1), verb));
      else if (spec.kind === 'bool') store(flags, spec, true);
      else if (i + 1 < words.length) store(flags, spec, convert(spec, words[++i], verb));
      else fail(`flag needs an argument: --${name}`);
    } else if (w.startsWith('-') && w.length > 1) {
      const shorts = w.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const c = shorts[j];
        const spec = byShort.get(c);
        if (!spec) return fail(`unknown shorthand flag: '${c}' in ${w}`);
        const rest = shorts.slice(j + 1);
        if (spec.kind === 'bool') {
          if (rest.startsWith('=')) {
            store(flags, spec, convert(spec, rest.slice(1), verb));
            break;
          }
          store(flags, spec, true);
          continue;
        }
        if (rest !== '') store(flags, spec, convert(spec, rest.startsWith('=') ? rest.slice(1) : rest, verb));
        else if (i + 1 < words.length) store(flags, spec, convert(spec, words[++i], verb));
        else fail(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
    } else positional.push(w);
  }
  return { positional, flags };
}

/** Typed readers for a parsed flag map. */
export const flag = {
  str(p: ParsedArgs, name: string): string | undefined {
    const v = p.flags.get(name);
    return typeof v === 'string' ? v : undefined;
  },
  bool(p: ParsedArgs, name: string): boolean {
    return p.flags.get(name) === true;
  },
  int(p: ParsedArgs, name: string): number | undefined {
    const v = p.flags.get(name);
    return typeof v === 'number' ? v : undefined;
  },
  list(p: ParsedArgs, name: string): string[] {
    const v = p.flags.get(name);
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  },
  has(p: ParsedArgs, name: string): boolean {
    return p.flags.has(name);
  },
};

/** The namespace the command works in (`-n`, else `default`). */
export function namespaceFlag(p: ParsedArgs): string {
  return flag.str(p, 'namespace') || 'default';
}
