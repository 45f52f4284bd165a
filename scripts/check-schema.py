#!/usr/bin/env python3
"""Validate easel config files against schema/easel.schema.json.

    scripts/check-schema.py SCHEMA FILE...      (FILE may be - for stdin)

Prints one line per problem, `path:line:col: error: message`, and exits 1 when
there is any; exits 2 when it cannot run (a missing module, an unreadable
schema). The YAML is read the way easel reads it, with the YAML 1.2 core
schema: only true/false are booleans, dates stay strings, `no` is a string,
duplicate and merge (`<<`) keys are errors, and a mapping key is its text.
"""

import json
import re
import sys

try:
    import yaml
    import jsonschema
except ImportError as error:
    print(f"check-schema: error: {error.name or error} is not installed "
          f"(pip install pyyaml jsonschema)", file=sys.stderr)
    sys.exit(2)


class CoreLoader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1; this loader resolves plain scalars by the YAML 1.2 core schema."""

    yaml_implicit_resolvers = {}

    def __init__(self, stream):
        super().__init__(stream)
        self.problems = []  # (mark, message)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep)
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append((key_node.start_mark, "expected a string key, found a collection"))
                continue
            key = key_node.value  # easel takes any scalar key as written: `10:` is the key '10'
            if key == "<<" and key_node.style is None and key_node.tag == "tag:yaml.org,2002:str":
                self.problems.append((key_node.start_mark, "merge keys ('<<') are not supported"))
                continue
            if key in mapping:
                self.problems.append((key_node.start_mark, f"duplicate key '{key}'"))
                continue
            mapping[key] = self.construct_object(value_node, deep=True)
        return mapping


def _resolver(tag, pattern, first):
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_resolver("tag:yaml.org,2002:float",
          r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
               |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
          "-+0123456789.")


def _int(loader, node):
    text = loader.construct_scalar(node)
    try:
        if text.startswith("0x"):
            return int(text[2:], 16)
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text, 10)
    except ValueError:
        return text  # `!!int abc` is a string to easel


def _float(loader, node):
    text = loader.construct_scalar(node)
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        return text


def _bool(loader, node):
    text = loader.construct_scalar(node)
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    return text


def _string(loader, node):
    return loader.construct_scalar(node)


def _other(loader, tag_suffix, node=None):
    """Tags easel does not know (`!foo`, `!!timestamp`) make a scalar a string."""
    node = node if node is not None else tag_suffix
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


CoreLoader.add_constructor("tag:yaml.org,2002:int", _int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", _float)
CoreLoader.add_constructor("tag:yaml.org,2002:bool", _bool)
for _tag in ("timestamp", "binary", "value", "merge"):
    CoreLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _string)
CoreLoader.add_constructor(None, _other)


def locate(node, path):
    """The YAML node at a JSON path, or the deepest node on the way."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
            if match is None:
                return node
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def key_node(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k
    return node


def dotted(path):
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the document"


def expand(error):
    """The errors to report for one error: a oneOf/anyOf failure is replaced by the
    errors of the branch that fits the value's type (a list for a list), all of them."""
    if not error.context:
        yield error
        return
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def misfit(errors):  # the branch is for another kind of value
        return any(not e.relative_path and e.validator in ("type", "const") for e in errors)

    fitting = [errors for errors in branches.values() if not misfit(errors)] or list(branches.values())
    for sub in min(fitting, key=len):
        yield from expand(sub)


def schema_at(schema, path):
    """The subschema at an error's schema path; jsonschema leaves `$ref` steps out of it."""
    node = schema
    for part in path:
        while isinstance(node, dict) and part not in node and "$ref" in node:
            node = resolve(schema, node["$ref"])
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def resolve(schema, ref):
    node = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def first_sentence(text):
    text = text.split(". ")[0].rstrip(".")
    return text[:1].lower() + text[1:]


def problems_in(validator, name, text):
    """(line, column, message) for every problem in one file's text."""
    loader = CoreLoader(text)
    try:
        root = loader.get_single_node()
        document = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        return [(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                 f"YAML: {getattr(error, 'problem', None) or error}")]
    finally:
        loader.dispose()
    found = [(m.line + 1, m.column + 1, message) for m, message in loader.problems]
    if root is None:
        return found  # an empty file declares nothing
    for error in (e for top in validator.iter_errors(document) for e in expand(top)):
        path = list(error.absolute_path)
        node = locate(root, path)
        where = dotted(path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            for key in error.instance:
                if key not in allowed:
                    mark = key_node(node, key).start_mark
                    found.append((mark.line + 1, mark.column + 1, f"unknown key '{key}' in {where}"))
            continue
        if error.schema is False:
            # A key the schema forbids with `false` (`term` with layout class-as-term). jsonschema
            # may report it at the object, without the key: then the keys come from the schema.
            forbidden = schema_at(validator.schema, list(error.absolute_schema_path))
            if isinstance(forbidden, dict):
                parent, keys = path, [k for k, v in forbidden.items() if v is False]
            else:
                parent, keys = path[:-1], path[-1:]
            parent_node = locate(root, parent)
            for key in keys:
                mark = key_node(parent_node, key)
                if mark is not parent_node:
                    found.append((mark.start_mark.line + 1, mark.start_mark.column + 1,
                                  f"key '{key}' does not apply here (at {dotted(parent)})"))
            continue
        if error.validator in ("pattern", "not") and isinstance(error.schema, dict) and "description" in error.schema:
            message = f"invalid value {error.instance!r} for {where} (expected {first_sentence(error.schema['description'])})"
        else:
            message = f"{error.message} (at {where})"
        found.append((node.start_mark.line + 1, node.start_mark.column + 1, message))
    return sorted(set(found))


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as error:
        print(f"check-schema: error: cannot use schema '{argv[1]}': {error}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for name in argv[2:]:
        try:
            if name == "-":
                name, text = "<stdin>", sys.stdin.read()
            else:
                with open(name, encoding="utf-8") as f:
                    text = f.read()
        except OSError as error:
            print(f"{name}: error: cannot read: {error.strerror}")
            failed = True
            continue
        for line, column, message in problems_in(validator, name, text):
            print(f"{name}:{line}:{column}: error: {message}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
