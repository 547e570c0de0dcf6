// One entry point for the conformance tables: the Vitest files and `sim conformance` both call
// evaluateCase / evaluateTable, so the tests and the CLI cannot drift apart.
import type { Table, TableAdapter, TableCase, TableMeta } from './types';
import { ADAPTERS } from './registry';

export type { Table, TableCase, TableMeta, TableAdapter } from './types';
export { asserted, comparable } from './match';

const byTest = new Map<string, TableAdapter>(ADAPTERS.map((a) => [a.test, a]));

export class UnknownTableError extends Error {}

/** The Go test names this implementation understands. */
export function knownTables(): string[] {
  return [...byTest.keys()].sort();
}

/** Strips every expectation from a case, so an adapter cannot answer from it even by mistake. */
function inputsOf(c: TableCase): TableCase {
  const copy: Record<string, unknown> = structuredClone(c);
  delete copy.expected;
  delete copy.expectedPodAfter;
  return copy as TableCase;
}

export function evaluateCase(meta: TableMeta, c: TableCase): unknown {
  const adapter = byTest.get(meta.test);
  if (!adapter) throw new UnknownTableError(`unknown conformance table "${String(meta.test)}"`);
  return adapter.evaluate(inputsOf(c), meta);
}

export interface TableResult {
  table: string;
  results: { name: string; actual: unknown }[];
}

/** A case that could not be evaluated (its inputs are not in the table's format). */
export class CaseEvaluationError extends Error {
  constructor(
    readonly caseName: string,
    readonly caseIndex: number,
    cause: unknown,
  ) {
    super(`case #${caseIndex} "${caseName}": ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export function evaluateTable(table: Table): TableResult {
  return {
    table: table.meta.test,
    results: table.cases.map((c, i) => {
      try {
        return { name: c.name, actual: evaluateCase(table.meta, c) };
      } catch (e) {
        throw new CaseEvaluationError(String(c?.name), i, e);
      }
    }),
  };
}

/** Checks the outer shape of a parsed JSON document; throws with a one-line reason. */
export function asTable(doc: unknown): Table {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a conformance table: expected a JSON object');
  const t = doc as Partial<Table>;
  if (!t.meta || typeof t.meta !== 'object' || typeof t.meta.test !== 'string') {
    throw new Error('not a conformance table: missing meta.test');
  }
  if (!Array.isArray(t.cases)) throw new Error('not a conformance table: missing cases[]');
  t.cases.forEach((c, i) => {
    if (!c || typeof c !== 'object' || Array.isArray(c) || typeof c.name !== 'string') {
      throw new Error(`not a conformance table: case #${i} is not an object with a "name"`);
    }
  });
  if (!byTest.has(t.meta.test)) throw new UnknownTableError(`unknown conformance table "${t.meta.test}"`);
  return t as Table;
}
