#!/usr/bin/env python3
"""Validates the vector files against testdata/schema/vectors.schema.json
(JSON Schema draft 2020-12) with the standard library only.

    python3 testdata/python/check_schema.py            # every testdata/*.json
    python3 testdata/python/check_schema.py FILE...

It implements the subset of draft 2020-12 that the schema uses and refuses
a schema that uses any other keyword, so the schema cannot silently outgrow
the checker. Beyond the schema it checks what JSON Schema cannot say: case
names are unique within a file. When the jsonschema package happens to be
installed it validates with it too and reports any disagreement (CI does not
need it). Exits 1 on any violation.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)
SCHEMA = os.path.join(TESTDATA, "schema", "vectors.schema.json")

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description"}
KEYWORDS = ANNOTATIONS | {
    "$defs", "$ref", "type", "enum", "const", "properties", "required",
    "additionalProperties", "items", "prefixItems", "minItems", "maxItems",
    "uniqueItems", "pattern", "minLength", "minimum", "allOf", "anyOf",
    "oneOf", "not", "if", "then", "else",
}


def check_keywords(schema, where="#"):
    """Raises ValueError if schema uses a keyword this checker lacks."""
    if isinstance(schema, bool):
        return
    unknown = set(schema) - KEYWORDS
    if unknown:
        raise ValueError("%s: unsupported keywords %s" % (where, sorted(unknown)))
    for k in ("properties", "$defs"):
        for name, sub in schema.get(k, {}).items():
            check_keywords(sub, "%s/%s/%s" % (where, k, name))
    for k in ("additionalProperties", "items", "not", "if", "then", "else"):
        if k in schema:
            check_keywords(schema[k], "%s/%s" % (where, k))
    for k in ("prefixItems", "allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(schema.get(k, [])):
            check_keywords(sub, "%s/%s/%d" % (where, k, i))


def type_ok(value, t):
    if t == "null":
        return value is None
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool) or \
            isinstance(value, float) and value.is_integer()
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "string":
        return isinstance(value, str)
    if t == "array":
        return isinstance(value, list)
    if t == "object":
        return isinstance(value, dict)
    raise ValueError("unknown type %r" % t)


def equal(a, b):
    """JSON equality: 1 == 1.0, but true != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


class Validator:
    def __init__(self, root):
        check_keywords(root)
        self.root = root

    def resolve(self, ref):
        if not ref.startswith("#"):
            raise ValueError("only local $ref is supported: %r" % ref)
        node = self.root
        for part in ref[1:].split("/")[1:]:
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def errors(self, value, schema, path="$"):
        """Every violation of schema by value, as "path: message" strings."""
        if schema is True:
            return []
        if schema is False:
            return ["%s: not allowed" % path]
        out = []
        if "$ref" in schema:
            out += self.errors(value, self.resolve(schema["$ref"]), path)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(type_ok(value, t) for t in types):
                return out + ["%s: %s is not of type %s" % (path, short(value), "/".join(types))]
        if "enum" in schema and not any(equal(value, e) for e in schema["enum"]):
            out.append("%s: %s is not one of %s" % (path, short(value), schema["enum"]))
        if "const" in schema and not equal(value, schema["const"]):
            out.append("%s: %s is not %s" % (path, short(value), json.dumps(schema["const"])))
        if isinstance(value, str):
            if "minLength" in schema and len(value) < schema["minLength"]:
                out.append("%s: shorter than %d" % (path, schema["minLength"]))
            if "pattern" in schema and not re.search(schema["pattern"], value):
                out.append("%s: %s does not match %s" % (path, short(value), schema["pattern"]))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                out.append("%s: %s is below %s" % (path, value, schema["minimum"]))
        if isinstance(value, list):
            out += self.array_errors(value, schema, path)
        if isinstance(value, dict):
            out += self.object_errors(value, schema, path)
        for sub in schema.get("allOf", []):
            out += self.errors(value, sub, path)
        if "anyOf" in schema and not any(not self.errors(value, s, path) for s in schema["anyOf"]):
            out.append("%s: matches none of anyOf" % path)
        if "oneOf" in schema:
            n = sum(1 for s in schema["oneOf"] if not self.errors(value, s, path))
            if n != 1:
                out.append("%s: matches %d of oneOf, want exactly 1" % (path, n))
        if "not" in schema and not self.errors(value, schema["not"], path):
            out.append("%s: matches a schema it must not" % path)
        if "if" in schema:
            branch = "then" if not self.errors(value, schema["if"], path) else "else"
            if branch in schema:
                out += self.errors(value, schema[branch], path)
        return out

    def array_errors(self, value, schema, path):
        out = []
        if "minItems" in schema and len(value) < schema["minItems"]:
            out.append("%s: fewer than %d items" % (path, schema["minItems"]))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            out.append("%s: more than %d items" % (path, schema["maxItems"]))
        if schema.get("uniqueItems"):
            for i in range(len(value)):
                if any(equal(value[i], value[j]) for j in range(i)):
                    out.append("%s: item %d repeats an earlier one" % (path, i))
        prefix = schema.get("prefixItems", [])
        for i, sub in enumerate(prefix[:len(value)]):
            out += self.errors(value[i], sub, "%s[%d]" % (path, i))
        if "items" in schema:
            for i in range(len(prefix), len(value)):
                out += self.errors(value[i], schema["items"], "%s[%d]" % (path, i))
        return out

    def object_errors(self, value, schema, path):
        out = []
        for k in schema.get("required", []):
            if k not in value:
                out.append("%s: missing %r" % (path, k))
        props = schema.get("properties", {})
        for k, v in value.items():
            sub = "%s.%s" % (path, k)
            if k in props:
                out += self.errors(v, props[k], sub)
            elif "additionalProperties" in schema:
                extra = schema["additionalProperties"]
                if extra is False:
                    out.append("%s: unknown field" % sub)
                else:
                    out += self.errors(v, extra, sub)
        return out


def short(value):
    s = json.dumps(value)
    return s if len(s) <= 60 else s[:60] + "..."


def extra_errors(data):
    """What JSON Schema cannot say."""
    out, seen = [], set()
    for i, c in enumerate(data.get("cases") or []):
        name = c.get("name") if isinstance(c, dict) else None
        if name in seen:
            out.append("$.cases[%d].name: %r repeats an earlier case's name" % (i, name))
        seen.add(name)
    return out


def reference_errors(schema, data):
    """Violations found by the jsonschema package, or None without it."""
    try:
        import jsonschema
    except ImportError:
        return None
    v = jsonschema.Draft202012Validator(schema)
    return sorted(e.json_path for e in v.iter_errors(data))


def main(argv):
    files = argv or sorted(glob.glob(os.path.join(TESTDATA, "*.json")))
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    v = Validator(schema)
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        problems = v.errors(data, schema) + extra_errors(data)
        ref = reference_errors(schema, data)
        if ref is not None and bool(ref) != bool(v.errors(data, schema)):
            problems.append("jsonschema disagrees: it reports %s" % (ref or "no violation"))
        name = os.path.relpath(path, os.path.dirname(TESTDATA))
        if problems:
            bad += 1
            print("FAIL %s" % name)
            for p in problems[:20]:
                print("     " + p)
            if len(problems) > 20:
                print("     ... and %d more" % (len(problems) - 20))
        else:
            print("ok   %s (%d cases, version %s)" % (name, len(data["cases"]), data.get("version")))
    print("schema: %d passed, %d failed" % (len(files) - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
