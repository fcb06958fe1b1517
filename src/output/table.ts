// `--output table`: a port of AWS CLI v2's TableFormatter (awscli/formatter.py) and MultiTable /
// Section (awscli/table.py), 2.9.19, colour off. The title is the operation name; each nested object
// or list becomes an indented section; widths are measured in terminal columns (East Asian Wide,
// Fullwidth and Ambiguous characters count 2, as table.py's get_text_length does).

import { comparePy, isDict, pyStr, pyTruthy, pyTypeName, sortedKeys } from '../python/value.ts';
import { textWidth } from './east-asian-width.ts';
import { OutputError } from './output-error.ts';

export interface TableOptions {
  /**
   * Terminal width. v2 reads it from stdout with TIOCGWINSZ and falls back to 80 when stdout is not
   * a terminal; a table wider than this is redrawn with one-row sections turned vertical.
   */
  readonly terminalWidth?: number;
}

export function formatTable(data: unknown, title: string, opts: TableOptions = {}): string {
  const table = new MultiTable(opts.terminalWidth ?? 80);
  if (!buildTable(table, title, data, 0)) return '';
  return table.render();
}

// ---- formatter.py: walking the data ----

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

function buildTable(table: MultiTable, title: string | null, current: unknown, indent: number): boolean {
  if (!pyTruthy(current)) return false;
  if (title !== null) table.newSection(title, indent);
  if (Array.isArray(current)) {
    if (isDict(current[0])) {
      buildSubTableFromList(table, current, indent, title);
    } else {
      for (const item of current) {
        if (isScalar(item)) table.addRow([item]);
        else if (iterate(item).every(isScalar)) table.addRow(iterate(item));
        else buildTable(table, null, item, 0);
      }
    }
  }
  if (isDict(current)) buildSubTableFromDict(table, current, indent);
  return true;
}

/** Python's iteration of a container: a list's items, a dict's keys. */
function iterate(v: unknown): unknown[] {
  return Array.isArray(v) ? v : Object.keys(v as object);
}

function buildSubTableFromDict(table: MultiTable, current: Record<string, unknown>, indent: number): void {
  const [headers, more] = groupScalarKeys(current);
  if (headers.length === 1) {
    // A single scalar pair prints as one key | value row, without a header.
    const key = headers[0]!;
    table.addRow([key, current[key]]);
  } else if (headers.length > 0) {
    table.addRowHeader(headers);
    table.addRow(headers.map((k) => current[k]));
  }
  for (const key of more) buildTable(table, key, current[key], indent + 1);
}

function buildSubTableFromList(
  table: MultiTable,
  current: unknown[],
  indent: number,
  title: string | null,
): void {
  const headerSet = new Set<string>();
  const moreSet = new Set<string>();
  for (const item of current) {
    // formatter.py assumes every element is an object once the first one is, and looks keys up in
    // whatever it finds; only an empty list or string gets through (with no keys to add).
    if (!isDict(item)) {
      failOnKeyLookup(item);
      continue;
    }
    const [h, m] = groupScalarKeys(item);
    for (const k of h) headerSet.add(k);
    for (const k of m) moreSet.add(k);
  }
  const headers = [...headerSet].sort(comparePy);
  const more = [...moreSet].sort(comparePy);
  table.addRowHeader(headers);
  let first = true;
  for (const element of current) {
    if (!first && more.length > 0) {
      table.newSection(title, indent);
      table.addRowHeader(headers);
    }
    first = false;
    // A non-object element only gets here empty (see above): it has no nested values, and no cells
    // unless there are headers, for which formatter.py calls element.get().
    if (!isDict(element) && headers.length > 0) {
      throw new OutputError(`'${pyTypeName(element)}' object has no attribute 'get'`);
    }
    const obj = isDict(element) ? element : {};
    table.addRow(headers.map((h) => (h in obj ? obj[h] : '')));
    for (const key of more) {
      if (key in obj) buildTable(table, key, obj[key], indent + 1);
    }
  }
}

/** _group_scalar_keys(item) on a non-object: `for element in item: item[element]`. */
function failOnKeyLookup(item: unknown): void {
  if (typeof item === 'string') {
    if (item !== '') throw new OutputError("string indices must be integers, not 'str'");
  } else if (Array.isArray(item)) {
    if (item.length === 0) return;
    const first = item[0];
    // Numeric elements index the list itself; that path is not reproduced (drawn as if empty).
    if (typeof first === 'number' || typeof first === 'boolean') return;
    throw new OutputError(`list indices must be integers or slices, not ${pyTypeName(first)}`);
  } else {
    throw new OutputError(`'${pyTypeName(item)}' object is not iterable`);
  }
}

function groupScalarKeys(current: Record<string, unknown>): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const key of sortedKeys(current)) (isScalar(current[key]) ? headers : more).push(key);
  return [headers, more];
}

// ---- table.py: laying out and drawing ----

class Section {
  // table.py keeps the title None for untitled sections and measures str(None) for the width.
  title: string | null = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private numCols: number | undefined;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    if (this.numCols === undefined) this.numCols = headers.length;
    this.headers = headers;
  }

  addRow(row: unknown[]): void {
    if (this.numCols === undefined) this.numCols = row.length;
    if (row.length !== this.numCols) {
      throw new OutputError(`Row should have ${this.numCols} elements, instead it has ${row.length}`);
    }
    const cells = row.map(pyStr);
    this.rows.push(cells);
    this.updateMaxWidths(cells);
  }

  private updateMaxWidths(row: string[]): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = row.map(textWidth);
    } else {
      row.forEach((el, i) => {
        this.maxWidths[i] = Math.max(textWidth(el), this.maxWidths[i] ?? 0);
      });
    }
  }

  calculateColumnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const scaleFactor = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(scaleFactor * w));
    // Scaling may leave the sum a little over or under; adjust from the left (over) or right (under).
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = [...scaled.keys()];
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i]! -= 1;
          offBy -= 1;
        } else {
          scaled[i]! += 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, withBorder: boolean, outerPadding: number): number {
    const borderPadding = 2;
    let total = 0;
    for (const w of this.calculateColumnWidths()) total += w + padding;
    if (withBorder) total += borderPadding;
    total += outerPadding + outerPadding;
    return Math.max(textWidth(this.title ?? 'None') + borderPadding + outerPadding + outerPadding, total);
  }
}

class MultiTable {
  private sections: Section[] = [];
  private current: Section | undefined;

  constructor(private readonly terminalWidth: number) {}

  newSection(title: string | null, indentLevel: number): void {
    this.current = new Section();
    this.sections.push(this.current);
    this.current.title = title;
    this.current.indentLevel = indentLevel;
  }

  addRowHeader(headers: string[]): void {
    this.current!.addHeader(headers);
  }

  addRow(row: unknown[]): void {
    this.current!.addRow(row);
  }

  render(): string {
    let maxWidth = this.calculateMaxWidth();
    if (maxWidth > this.terminalWidth) {
      convertToVerticalTable(this.sections);
      maxWidth = this.calculateMaxWidth();
    }
    const out: string[] = ['-'.repeat(maxWidth) + '\n'];
    for (const section of this.sections) renderSection(section, maxWidth, out);
    return out.join('');
  }

  private calculateMaxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, true, s.indentLevel)));
  }
}

/** Every one-row section with headers becomes header | value rows (table.py). */
function convertToVerticalTable(sections: Section[]): void {
  sections.forEach((section, i) => {
    if (section.rows.length === 1 && section.headers.length > 0) {
      const vertical = new Section();
      vertical.title = section.title;
      vertical.indentLevel = section.indentLevel;
      const row = section.rows[0]!;
      const n = Math.min(section.headers.length, row.length);
      for (let j = 0; j < n; j++) vertical.addRow([section.headers[j], row[j]]);
      sections[i] = vertical;
    }
  });
}

function renderSection(section: Section, maxWidth: number, out: string[]): void {
  // IndentedStream: every line gets one '|' per indent level on each side.
  const bars = '|'.repeat(section.indentLevel);
  const write = (line: string) => out.push(bars, line, bars, '\n');
  const width = maxWidth - section.indentLevel * 2;

  if (section.title) {
    write(centerText(section.title, width, '|', '|'));
    if (section.headers.length === 0 && section.rows.length === 0) write(`+${'-'.repeat(width - 2)}+`);
  }
  if (section.headers.length > 0) {
    const widths = section.calculateColumnWidths(4, width);
    write(lineBreak(widths));
    write(section.headers.map((h, i) => centerText(h, widths[i] ?? 0, i === 0 ? '|' : '', '|')).join(''));
  }
  if (section.rows.length > 0) {
    const widths = section.calculateColumnWidths(4, width);
    if (widths.length === 0) return;
    write(lineBreak(widths));
    for (const row of section.rows) {
      const n = Math.min(widths.length, row.length);
      let line = '';
      for (let i = 0; i < n; i++) line += alignLeft(row[i]!, widths[i]!, i === 0 ? '|' : '', '|');
      write(line);
    }
    write(lineBreak(widths));
  }
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${'-'.repeat(w - 2)}+` : `${'-'.repeat(w - 1)}+`)).join('');
}

function centerText(text: string, length: number, leftEdge: string, rightEdge: string): string {
  const textLength = textWidth(text);
  const charStart = Math.floor(length / 2) - Math.floor(textLength / 2) - 1;
  const lengthSoFar = leftEdge.length + charStart + textLength;
  const rightSpaces = length - rightEdge.length - lengthSoFar;
  return leftEdge + spaces(charStart) + text + spaces(rightSpaces) + rightEdge;
}

function alignLeft(text: string, length: number, leftEdge: string, rightEdge: string): string {
  const textLength = textWidth(text);
  const computed = textLength + 2 + leftEdge.length + rightEdge.length;
  const padding = length - computed >= 0 ? 2 : 0;
  const soFar = leftEdge.length + padding + textLength;
  return leftEdge + spaces(padding) + text + spaces(length - soFar - rightEdge.length) + rightEdge;
}

/** Python's ' ' * n: empty for n <= 0. */
function spaces(n: number): string {
  return n > 0 ? ' '.repeat(n) : '';
}

/** Python 3 round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
