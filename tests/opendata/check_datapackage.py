#!/usr/bin/python3
"""Validates a period's open data as a Frictionless Tabular Data Package, with the reference
rules and nothing downloaded (Debian's python3-jsonschema):

    check_datapackage.py DATA-DIR...     each DATA-DIR holds datapackage.json and the CSVs

- the descriptor against the Tabular Data Package profile and each resource's schema against
  the Table Schema profile: the JSON Schemas the specification publishes (v1,
  specs.frictionlessdata.io/schemas/, copied in tests/opendata/schemas/: see README there);
- every CSV: present, described, its header the schema's field names in order; every row of
  every CSV against its schema, as the Table Schema specification reads a CSV: missing values
  (""), `required`, the types (number: bare numbers with '.' decimals; integer; date
  YYYY-MM-DD; boolean with trueValues/falseValues; string), the primary key unique, each foreign
  key found in the resource it names;
- what this project adds: every field has a Vietnamese title and description, every amount a
  unit; a licence and a source.
Prints one line per problem (and a summary per folder) and exits 1 if any.
"""
import csv
import datetime
import json
import os
import re
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "schemas")

problems = []


def problem(msg):
    problems.append(msg)
    print(msg)


def load_schema(name):
    with open(os.path.join(SCHEMAS, name), encoding="utf-8") as f:
        return json.load(f)


NUMBER = re.compile(r"^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^(?:NaN|-?INF)$")
INTEGER = re.compile(r"^-?[0-9]+$")
VIETNAMESE = re.compile(r"[\u00c0-\u1ef9]")  # a letter with a Vietnamese diacritic


def cast_ok(field, value):
    kind = field.get("type", "string")
    if kind == "number":
        return bool(NUMBER.match(value))
    if kind == "integer":
        return bool(INTEGER.match(value))
    if kind == "date":
        try:
            datetime.date.fromisoformat(value)
            return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None
        except ValueError:
            return False
    if kind == "boolean":
        return value in field.get("trueValues", ["true", "True", "TRUE", "1"]) + \
            field.get("falseValues", ["false", "False", "FALSE", "0"])
    return kind in ("string", "any")


def key_of(row, names):
    return tuple(row[n] for n in names)


def as_list(v):
    return v if isinstance(v, list) else [v]


def read_resource(where, resource):
    """The rows of a resource as dicts, after checking the header; None when unreadable."""
    path = os.path.join(where, resource["path"])
    if not os.path.isfile(path):
        problem(f"{path}: described in datapackage.json, not there")
        return None
    dialect = resource.get("dialect", {})
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=dialect.get("delimiter", ","),
                            quotechar=dialect.get("quoteChar", '"'),
                            doublequote=dialect.get("doubleQuote", True))
        rows = list(reader)
    names = [fl["name"] for fl in resource["schema"]["fields"]]
    if not rows or rows[0] != names:
        problem(f"{path}: header {rows[0] if rows else None}, the schema says {names}")
        return None
    out = []
    for n, cells in enumerate(rows[1:], start=2):
        if len(cells) != len(names):
            problem(f"{path}:{n}: {len(cells)} cells, {len(names)} fields")
            continue
        out.append((n, dict(zip(names, cells))))
    return out


def check_rows(where, resource, rows):
    schema = resource["schema"]
    missing = schema.get("missingValues", [""])
    path = os.path.join(where, resource["path"])
    for n, row in rows:
        for field in schema["fields"]:
            v = row[field["name"]]
            if v in missing:
                if field.get("constraints", {}).get("required"):
                    problem(f"{path}:{n}: {field['name']} is required, missing")
                continue
            if not cast_ok(field, v):
                problem(f"{path}:{n}: {field['name']} {v!r} is not a {field['type']}")
            enum = field.get("constraints", {}).get("enum")
            if enum and v not in enum:
                problem(f"{path}:{n}: {field['name']} {v!r} not one of {enum}")
    if "primaryKey" in schema:
        names = as_list(schema["primaryKey"])
        seen = {}
        for n, row in rows:
            k = key_of(row, names)
            if k in seen:
                problem(f"{path}:{n}: primary key {k} repeats line {seen[k]}")
            seen[k] = n


def check_foreign_keys(where, resource, rows, all_rows):
    for fk in resource["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        target = all_rows.get(ref["resource"]) if ref["resource"] else rows
        if target is None:
            problem(f"{resource['name']}: foreign key to {ref['resource']}, which is not described")
            continue
        fields, ref_fields = as_list(fk["fields"]), as_list(ref["fields"])
        keys = {key_of(r, ref_fields) for _, r in target}
        for n, row in rows:
            k = key_of(row, fields)
            if all(x == "" for x in k):  # a missing value is no reference
                continue
            if k not in keys:
                problem(f"{os.path.join(where, resource['path'])}:{n}: {fields} {k} not in {ref['resource']}")


def check_words(descriptor, name):
    if not descriptor.get("licenses"):
        problem(f"{name}: no licence")
    if not descriptor.get("sources"):
        problem(f"{name}: no source")
    for resource in descriptor.get("resources", []):
        for field in resource["schema"]["fields"]:
            for what in ("title", "description"):
                if not VIETNAMESE.search(field.get(what, "")):
                    problem(f"{name}: {resource['name']}.{field['name']}: no Vietnamese {what}")
            if field["name"].endswith("_million_vnd") and field.get("unit") != "triệu đồng":
                problem(f"{name}: {resource['name']}.{field['name']}: an amount without its unit")


def check(where):
    name = os.path.join(where, "datapackage.json")
    with open(name, encoding="utf-8") as f:
        descriptor = json.load(f)
    package_schema, table_schema = load_schema("tabular-data-package.json"), load_schema("table-schema.json")
    for e in jsonschema.Draft4Validator(package_schema).iter_errors(descriptor):
        problem(f"{name}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    for resource in descriptor.get("resources", []):
        for e in jsonschema.Draft4Validator(table_schema).iter_errors(resource.get("schema", {})):
            problem(f"{name}: {resource.get('name')}.schema/{'/'.join(map(str, e.absolute_path))}: {e.message}")
    check_words(descriptor, name)
    described = {r["path"] for r in descriptor.get("resources", [])}
    for f in sorted(os.listdir(where)):
        if f.endswith(".csv") and f not in described:
            problem(f"{os.path.join(where, f)}: not described in datapackage.json")
    all_rows, count = {}, 0
    for resource in descriptor.get("resources", []):
        rows = read_resource(where, resource)
        if rows is None:
            continue
        check_rows(where, resource, rows)
        all_rows[resource["name"]] = rows
        count += len(rows)
    for resource in descriptor.get("resources", []):
        if resource["name"] in all_rows:
            check_foreign_keys(where, resource, all_rows[resource["name"]], all_rows)
    print(f"{where}: datapackage.json valid against the Tabular Data Package and Table Schema profiles; "
          f"{len(all_rows)} resources, {count} rows valid against their schemas")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    for d in argv[1:]:
        check(d)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
