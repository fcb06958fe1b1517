# Runs corpora through the Python pieces of AWS CLI v2 that our parameter layer re-implements, with
# the interpreter and modules /usr/bin/aws itself uses: json.loads (the C scanner), awscli's
# ShorthandParser, ruamel.yaml's safe loader as cliinput.py configures it, int(), repr().
# The corpora are generated from a fixed seed, so the output is stable. Writes JSON to stdout.
# Run by scripts/capture-params-goldens.sh.
import json
import random
import sys
from collections import OrderedDict

from awscli.shorthand import ShorthandParseError, ShorthandParser
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

rnd = random.Random(20240518)


def rand_text(atoms, n_max):
    return ''.join(rnd.choice(atoms) for _ in range(rnd.randint(1, n_max)))


def to_json(v):
    """A decoded value as JSON, with the Python facts JSON loses made explicit."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {'$int': str(v)}
    if isinstance(v, float):
        return {'$float': repr(v)}
    if isinstance(v, list):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return {'$dict': [[str(k), to_json(x)] for k, x in v.items()], '$type': type(v).__name__}
    return {'$other': type(v).__module__ + '.' + type(v).__qualname__, 'str': str(v), 'repr': repr(v)}


out = {}

# json.loads as v2 calls it for a flag's JSON value (object_pairs_hook=OrderedDict).
json_atoms = ['{', '}', '[', ']', ',', ':', '"', '\\', 'u', 'a', 'd83d', '\\ude00', '\\ud83d', '1', '0', '-',
              '.', 'e', 'E', '+', ' ', '\n', '\t', 'null', 'true', 'false', 'NaN', 'Infinity', '-Infinity',
              'nul', '"a"', '\x01', 'é', '😀', '\ufeff', '12345678901234567890', '1.5', '1e400', '0.1',
              '"k":', 'x', '\\n', '\\u00e9', 'tru', '\r', '1' * 30]
cases = [rand_text(json_atoms, 8) for _ in range(1500)]
cases += ['{"a": [1, 2.0, {"b": null}], "c": "it\'s"}', '[1e16, 1e-5, 123456789012345678.0, -0.0, -0, 1E+2]',
          '1' * 4301, '[' * 50 + ']' * 50]
res = []
for c in cases:
    try:
        res.append({'in': c, 'ok': to_json(json.loads(c, object_pairs_hook=OrderedDict)),
                    'repr': repr(json.loads(c, object_pairs_hook=OrderedDict))})
    except ValueError as e:
        res.append({'in': c, 'error': str(e)})
out['json'] = res

# awscli.shorthand.ShorthandParser (syntax only; the model-driven coercion is covered by the CLI cases).
sh_atoms = ['a', 'b', 'Key', 'val', '=', '=', ',', ',', '[', ']', '{', '}', "'", '"', '\\', '\\,', ' ', '  ',
            '\n', '\t', 'é', '😀', 'x y', '.', '-', '#', ':', '/', '!', '*', '|', '~', '^']
cases = [rand_text(sh_atoms, 10) for _ in range(2000)]


def rand_value(depth=0):
    kind = rnd.randint(0, 9 if depth < 2 else 5)
    if kind <= 2:
        return rand_text(['a', 'B', '1', '-', '.', '!', '@', ' ', '\\,', 'é', '/', ':', '|', '~', '^', '*'], 5)
    if kind == 3:
        return "'" + rand_text(['a', ',', ' ', '"', "\\'", '=', '['], 4) + "'"
    if kind == 4:
        return '"' + rand_text(['a', ',', ' ', "'", '\\"', '=', '{'], 4) + '"'
    if kind == 5:
        return ''
    if kind <= 7:
        return '[' + ','.join(rand_value(depth + 1) for _ in range(rnd.randint(0, 3))) + ']'
    return '{' + ','.join(rand_key() + '=' + rand_value(depth + 1) for _ in range(rnd.randint(0, 3))) + '}'


def rand_key():
    return rand_text(['k', 'K', '1', '_', '-', '.', '#', '/', ':'], 4)


cases += [','.join(rand_key() + rnd.choice(['=', ' =', '= ']) + rand_value() + rnd.choice(['', ',x', ' ', ',y,z'])
                   for _ in range(rnd.randint(1, 3))) for _ in range(1500)]
cases += ['a=b,c=d', 'a=b,c', 'a=[b,c],d={e=f,g=[h]}', "a='b,c',d=\"e\\\"f\"", 'a=b\\,c ,d= e ', 'a=,b=']
res = []
for c in cases:
    try:
        res.append({'in': c, 'ok': to_json(ShorthandParser().parse(c))})
    except ShorthandParseError as e:
        res.append({'in': c, 'error': str(e)})
out['shorthand'] = res

# ruamel.yaml as --cli-input-yaml loads it.
scalars = ['1', '1.0', '017', '0o17', '0x1F', '0b11', '1_000', '+12', '-3', '1e3', '1.5e3', '.5', '1.', '.inf',
           '-.INF', '.nan', 'true', 'True', 'TRUE', 'yes', 'no', 'on', 'off', 'null', 'Null', '~', '', 'abc',
           "'1'", '"true"', '2020-01-01', '2020-1-1', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.1234567',
           '2001-12-14T21:59:43Z', '2001-12-14 21:59:00', '12:30', '1:2', '=', '<<', '!!str 1', '!!int "7"',
           '!!float 2', '!!binary aGVsbG8=', '!!null ""', '[a, 1]', '{a: 1}', '-1_0', '0', '-0', '+.5',
           '2020-13-01', '2020-02-30', '2001-12-14 25:00:00', '!!int abc', '!!bool maybe', '_', '0b2', '!!set {a}',
           '&x 1', '*x', '{<<: {a: 1}, b: 2}', '!!timestamp 2020-01-01']
res = []
for s in scalars:
    doc = f'K: {s}\n'
    try:
        v = YAML(typ='safe', pure=True).load(doc)
        res.append({'in': doc, 'ok': to_json(v), 'repr': repr(v)})
    except YAMLError as e:
        res.append({'in': doc, 'yamlError': True})
    except Exception as e:
        res.append({'in': doc, 'pyError': type(e).__name__, 'error': str(e)})
out['yaml'] = res

# int() of a str, as shorthand coercion and integer flags call it.
int_atoms = ['1', '0', '9', '_', ' ', '+', '-', '٣', '１', 'a', '.', 'e', '\u00a0', '\n', '𝟗', 'x']
cases = [rand_text(int_atoms, 6) for _ in range(1000)] + ['x' * 300, ' 12 ', '1' * 4301]
res = []
for c in cases:
    try:
        res.append({'in': c, 'ok': str(int(c))})
    except ValueError as e:
        res.append({'in': c, 'error': str(e)})
out['int'] = res

# repr() of floats and strings: what validation messages print.
floats = [0.1 + 0.2, 1e16, 1e15, 123456789012345678.0, 1e-5, 1e-4, 5e-324, 1.7976931348623157e308, 100.0,
          -2.5, 1e22, 1.5e-7, 0.0001234]
floats += [rnd.uniform(-1e6, 1e6) for _ in range(200)] + [10 ** rnd.uniform(-30, 30) for _ in range(200)]
out['floatRepr'] = [{'in': f, 'repr': repr(f)} for f in floats]
str_pool = [chr(c) for c in list(range(0, 0x300)) + [0x2028, 0x200b, 0xad, 0xfeff, 0xd800, 0xdfff, 0xe000,
                                                      0x1f600, 0xe0001, 0x10ffff, 0x3000, 0x85]] + ["'", '"']
out['strRepr'] = [{'in': s, 'repr': repr(s)} for s in (rand_text(str_pool, 6) for _ in range(800))]

json.dump(out, sys.stdout, ensure_ascii=True, indent=0)
sys.stdout.write('\n')
