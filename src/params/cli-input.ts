// --cli-input-json / --cli-input-yaml documents and their merge with the flags, as AWS CLI v2's
// awscli/customizations/cliinput.py does it.
import { GeneralError, ParamError } from '../errors.ts';
import type { StructureShape } from '../model/types.ts';
import { PyRuntimeError } from '../python/builtins.ts';
import { PyJsonError, PyRecursionError, pyJsonLoads, pyJsonLoadsBytes } from '../python/json-loads.ts';
import { isDict, pyClass, pyKeyObject, pyKeys, setPyKey } from '../python/value.ts';
import { PyYamlError, pyYamlLoad } from '../python/yaml-load.ts';

/**
 * The request members a --cli-input-json/--cli-input-yaml document holds. `value` is the flag's
 * value after resolveParamFile (text, or fileb:// bytes, which Python decodes itself).
 *
 * v2's messages: a document that does not parse is
 * `Error parsing parameter 'cli-input-json': Invalid JSON received.` (v2 names the argument without
 * its dashes here), one that is not a map
 * `Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'list'>`.
 * A YAML document whose typing fails in Python itself (an impossible date, `!!int abc`) is not a
 * YAMLError in v2 and ends as a general error (rc 255): GeneralError with Python's text.
 */
export function parseCliInput(kind: 'json' | 'yaml', value: string | Buffer): Record<string, unknown> {
  let loaded: unknown;
  try {
    if (kind === 'json') loaded = typeof value === 'string' ? pyJsonLoads(value) : pyJsonLoadsBytes(value);
    else loaded = pyYamlLoad(value);
  } catch (e) {
    if (e instanceof PyJsonError)
      throw new ParamError("Error parsing parameter 'cli-input-json': Invalid JSON received.");
    if (e instanceof PyYamlError)
      throw new ParamError("Error parsing parameter 'cli-input-yaml': Invalid YAML received.");
    if (e instanceof PyRuntimeError || e instanceof PyRecursionError) throw new GeneralError(e.message);
    throw e;
  }
  if (!isDict(loaded)) {
    throw new ParamError(
      `Error parsing parameter '--cli-input-${kind}': Invalid type: expecting map, received ${pyClass(loaded)}`,
    );
  }
  return loaded;
}

/**
 * The request v2 sends: the members given as flags win over the document's. Keys come in v2's order:
 * first the flag members in model order (v2 walks its argument table, which follows the model),
 * then the document's other keys in document order. Pass the operation's input shape to have the
 * flag members put in model order; without it they keep the order of `fromFlags`.
 */
export function mergeInput(
  fromFlags: Record<string, unknown>,
  fromDocument: Record<string, unknown> | undefined,
  shape?: StructureShape,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (from: Record<string, unknown>, k: string) => setPyKey(out, k, from[k], pyKeyObject(from, k));
  const flagKeys = pyKeys(fromFlags);
  if (shape) {
    const order = Object.keys(shape.members);
    flagKeys.sort((a, b) => rank(order, a) - rank(order, b));
  }
  for (const k of flagKeys) put(fromFlags, k);
  if (fromDocument) {
    for (const k of pyKeys(fromDocument)) if (!Object.hasOwn(out, k)) put(fromDocument, k);
  }
  return out;
}

function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}
