// The shape of a conformance table (one Go test table of kruise, as JSON) and of an adapter that
// evaluates its cases with the project's own decision functions.

export interface TableMeta {
  test: string;
  source?: string;
  kruiseTag?: string;
  [k: string]: unknown;
}

export interface TableCase {
  name: string;
  [k: string]: unknown;
}

export interface Table {
  meta: TableMeta;
  cases: TableCase[];
}

/**
 * Turns one case's inputs into the value its `expected` (or `expectedPodAfter`) describes.
 * An adapter must compute everything from the inputs: it never reads the case's expectation.
 */
export interface TableAdapter {
  /** `meta.test` of the tables this adapter understands (the Go test function name). */
  test: string;
  evaluate(c: TableCase, meta: TableMeta): unknown;
}

/** Thrown for a case whose inputs are not in the table's format. */
export class CaseFormatError extends Error {}
