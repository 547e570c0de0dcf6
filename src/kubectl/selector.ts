// `-l` label selectors in kubectl's string syntax (apimachinery labels.Parse): comma-separated
// requirements `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` (exists), `!k`
// (does not exist), `k>1`, `k<1`.

export type SelectorRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' }
  | { key: string; op: 'gt' | 'lt'; value: number };

export class SelectorError extends Error {}

const IDENT = /^[A-Za-z0-9._/-]+/;

/** Parses a selector; throws SelectorError with a labels.Parse-like message. */
export function parseSelector(text: string): SelectorRequirement[] {
  const reqs: SelectorRequirement[] = [];
  let s = text.trim();
  if (s === '') return reqs;
  const expect = (what: string): never => {
    throw new SelectorError(`unable to parse requirement: found '${s.trim().split(/\s|,/)[0] ?? ''}', expected: ${what}`);
  };
  while (s.length > 0) {
    s = s.trimStart();
    let negate = false;
    if (s.startsWith('!')) {
      negate = true;
      s = s.slice(1).trimStart();
    }
    const key = IDENT.exec(s)?.[0];
    if (!key) expect('identifier');
    s = s.slice((key as string).length).trimStart();
    if (negate) {
      reqs.push({ key: key as string, op: '!' });
    } else if (s === '' || s.startsWith(',')) {
      reqs.push({ key: key as string, op: 'exists' });
    } else {
      const op = /^(==|=|!=|>|<|in\b|notin\b)/.exec(s)?.[0];
      if (!op) expect("'=', '!=', '==', 'in', notin'");
      s = s.slice((op as string).length).trimStart();
      if (op === 'in' || op === 'notin') {
        if (!s.startsWith('(')) expect("'('");
        const close = s.indexOf(')');
        if (close < 0) expect("')'");
        const values = s
          .slice(1, close)
          .split(',')
          .map((v) => v.trim());
        if (values.some((v) => v !== '' && !/^[A-Za-z0-9._-]*$/.test(v))) expect('identifier');
        reqs.push({ key: key as string, op: op as 'in' | 'notin', values });
        s = s.slice(close + 1).trimStart();
      } else {
        const value = /^[A-Za-z0-9._-]*/.exec(s)?.[0] ?? '';
        s = s.slice(value.length).trimStart();
        if (op === '>' || op === '<') {
          if (!/^-?\d+$/.test(value)) throw new SelectorError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
          reqs.push({ key: key as string, op: op === '>' ? 'gt' : 'lt', value: Number(value) });
        } else reqs.push({ key: key as string, op: op === '!=' ? 'notin' : 'in', values: [value] });
      }
    }
    if (s === '') break;
    if (!s.startsWith(',')) expect("',' or end of string");
    s = s.slice(1);
    if (s.trim() === '') expect('identifier');
  }
  return reqs;
}

export function selectorMatchesLabels(reqs: readonly SelectorRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(l[r.key])) return false;
        const n = Number(l[r.key]);
        return r.op === 'gt' ? n > r.value : n < r.value;
      }
    }
  });
}
