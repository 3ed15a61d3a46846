// Problems are data: a check returns findings, the loader places them on the
// exact node of the YAML tree, and the CLI renders them (STYLE.md).
import { CATALOGUE, describe, type Code, type Lang, type Severity } from './catalogue.js';

export type Path = readonly (string | number)[];
export type Params = Record<string, string | number>;

/** What a parse step or a check found, before it is placed in the file. */
export interface Finding {
  code: Code;
  file: string;
  /** where in the record: the node at this path, or its nearest existing parent */
  path?: Path;
  /** point at the key of the last path segment rather than its value (unknown keys) */
  key?: boolean;
  /** an explicit position, for problems outside the YAML tree (encoding, conflict markers) */
  line?: number;
  col?: number;
  params?: Params;
  /** another place this finding names, rendered as file:line into `params[param]` */
  related?: { param: string; file: string; path: Path };
}

/** A finding placed at file:line:col (1-based), ready to render in any language. */
export interface Diagnostic {
  code: Code;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  params: Params;
}

export interface RenderedDiagnostic extends Diagnostic {
  message: string;
  hint: string;
}

export function renderDiagnostic(d: Diagnostic, lang: Lang): RenderedDiagnostic {
  return { ...d, ...describe(d.code, d.params, lang) };
}

export function severityOfCode(code: Code): Severity {
  return CATALOGUE[code].severity;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
