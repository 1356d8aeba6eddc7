#!/usr/bin/env python3
"""Reads tests/mutants/mutants.txt and lists or applies its mutants.

    mutate.py LIST --list                 the mutants' names, one a line
    mutate.py LIST --apply NAME DIR       applies mutant NAME to the tree at DIR

Each block: '=== NAME: what', 'file: PATH', '--- search', lines, '--- replace', lines. The search
text must occur exactly once in DIR/PATH, else this fails loudly (exit 1) and changes nothing.
"""
import os
import sys


def parse(path):
    mutants, cur, mode = [], None, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("=== "):
                name, _, what = line[4:].partition(":")
                cur = {"name": name.strip(), "what": what.strip(), "file": None,
                       "search": [], "replace": []}
                mutants.append(cur)
                mode = None
            elif cur is None or (mode is None and line.startswith("#")):
                continue
            elif line.startswith("file: ") and mode is None:
                cur["file"] = line[6:].strip()
            elif line == "--- search":
                mode = "search"
            elif line == "--- replace":
                mode = "replace"
            elif mode:
                cur[mode].append(line)
    for m in mutants:
        for k in ("search", "replace"):
            while m[k] and not m[k][-1].strip():
                m[k].pop()
        if not m["file"] or not m["search"]:
            raise SystemExit(f"mutant {m['name']}: no file or no search text")
    names = [m["name"] for m in mutants]
    if len(set(names)) != len(names):
        raise SystemExit("two mutants share a name")
    return mutants


def main(argv):
    mutants = parse(argv[1])
    if argv[2] == "--list":
        print("\n".join(m["name"] for m in mutants))
        return 0
    name, tree = argv[3], argv[4]
    m = next((m for m in mutants if m["name"] == name), None)
    if m is None:
        print(f"no mutant {name!r}", file=sys.stderr)
        return 1
    path = os.path.join(tree, m["file"])
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        print(f"cannot read {m['file']}: {e.strerror}", file=sys.stderr)
        return 1
    search, replace = "\n".join(m["search"]), "\n".join(m["replace"])
    n = text.count(search)
    if n != 1:
        print(f"search text {'not found' if n == 0 else f'found {n} times'} in {m['file']}",
              file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(search, replace))
    print(f"applied to {m['file']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
