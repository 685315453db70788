"""Times IfcOpenShell on one IFC file, for benches/ifc_vs_ifcopenshell.sh.

`ifcopenshell.open(path)` (parse), then open + iterating every entity instance and reading
its attributes (`e.id()`, `len(e)` and every `e[i]`, so that lazily decoded values are
decoded), the best of REPEAT runs each. Prints one JSON object.

Usage: python ifc_open_bench.py <file.ifc> [REPEAT]
"""
import json
import os
import sys
import time

import ifcopenshell

path = sys.argv[1]
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
size = os.path.getsize(path)
best_open = best_iter = float("inf")
entities = 0
for _ in range(repeat):
    t = time.perf_counter()
    f = ifcopenshell.open(path)
    best_open = min(best_open, time.perf_counter() - t)
    del f
    t = time.perf_counter()
    f = ifcopenshell.open(path)
    n = 0
    for e in f:
        e.id()
        for i in range(len(e)):
            e[i]
        n += 1
    best_iter = min(best_iter, time.perf_counter() - t)
    entities = n
    del f
print(json.dumps({
    "ifcopenshell": ifcopenshell.version,
    "bytes": size,
    "entities": entities,
    "open_s": best_open,
    "open_iterate_s": best_iter,
}))
