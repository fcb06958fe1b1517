// `--output text`: a port of AWS CLI v2's awscli/text.py (2.9.19). Scalars of one object on one
// tab-separated line in key order; nested lists and objects on further lines, prefixed with their key
// upper-cased; null as `None`, booleans as `True`/`False` (Python's str()).

import { comparePy, isDict, pyStr, pyTypeName, sortedKeys } from '../python/value.ts';
import { OutputError } from './output-error.ts';

export function formatText(data: unknown): string {
  const out: string[] = [];
  try {
    formatItem(data, out, undefined, undefined);
  } catch (e) {
    if (e instanceof PyAttributeError) throw new OutputError(e.message, out.join(''));
    throw e;
  }
  return out.join('');
}

class PyAttributeError extends Error {}

function formatItem(item: unknown, out: string[], identifier?: string, scalarKeys?: string[]): void {
  if (isDict(item)) formatDict(item, out, identifier, scalarKeys);
  else if (Array.isArray(item)) formatList(item, out, identifier);
  else out.push(pyStr(item), '\n');
}

function isContainer(v: unknown): boolean {
  return v !== null && typeof v === 'object';
}

function formatList(item: unknown[], out: string[], identifier?: string): void {
  if (item.length === 0) return;
  if (item.some(isDict)) {
    const allKeys = allScalarKeys(item);
    for (const element of item) formatItem(element, out, identifier, allKeys);
  } else if (item.some(Array.isArray)) {
    const scalars = item.filter((el) => !isContainer(el));
    if (scalars.length > 0) formatScalarList(scalars, out, identifier);
    for (const nonScalar of item.filter(isContainer)) formatItem(nonScalar, out, identifier);
  } else {
    formatScalarList(item, out, identifier);
  }
}

function formatScalarList(elements: unknown[], out: string[], identifier?: string): void {
  if (identifier !== undefined) {
    for (const el of elements) out.push(identifier.toUpperCase(), '\t', pyStr(el), '\n');
  } else {
    // A bare list prints its contents on one line.
    out.push(elements.map(pyStr).join('\t'), '\n');
  }
}

function formatDict(
  item: Record<string, unknown>,
  out: string[],
  identifier?: string,
  scalarKeys?: string[],
): void {
  const scalars: string[] = [];
  const nonScalars: [string, unknown][] = [];
  if (scalarKeys === undefined) {
    for (const key of sortedKeys(item)) {
      const value = item[key];
      if (isContainer(value)) nonScalars.push([key, value]);
      else scalars.push(pyStr(value));
    }
  } else {
    // Inside a list of objects every element prints the union of the scalar keys, '' when absent
    // (text.py's _partition_dict with scalar_keys).
    for (const key of scalarKeys) scalars.push(key in item ? pyStr(item[key]) : '');
    const known = new Set(scalarKeys);
    for (const key of sortedKeys(item)) if (!known.has(key)) nonScalars.push([key, item[key]]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(scalars.join('\t'), '\n');
  }
  for (const [key, value] of nonScalars) formatItem(value, out, key);
}

function allScalarKeys(listOfDicts: unknown[]): string[] {
  const seen = new Set<string>();
  for (const d of listOfDicts) {
    // text.py calls .items() on every element, so v2 fails on a list mixing objects with other
    // values, after printing whatever came before the list.
    if (!isDict(d)) throw new PyAttributeError(`'${pyTypeName(d)}' object has no attribute 'items'`);
    for (const [key, value] of Object.entries(d)) if (!isContainer(value)) seen.add(key);
  }
  return [...seen].sort(comparePy);
}
