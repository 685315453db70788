#!/usr/bin/env python3
"""Loads an N-Triples file into a fresh on-disk pyoxigraph store, the way oxigraph's own
bulk loader is meant to be used from Python, or counts the triples of such a store.

  pyoxigraph_load.py load  STORE_DIR FILE.nt GRAPH_IRI
  pyoxigraph_load.py count STORE_DIR

`load` calls `Store.bulk_load(path=..., format=N_TRIPLES, to_graph=GRAPH)`. In pyoxigraph
0.5.x, giving `path=` (and no `input=`) makes it call the Rust
`BulkLoader::parallel_load_from_file` followed by `commit()`: its fastest documented path.
`parallel_load_from_file` splits the file for parallel parsing only when half the
available cores is at least 2; below that it falls back to the sequential
`load_from_reader`. It prints one `key=value` line per fact on stdout.
"""
import os
import sys
import time

import pyoxigraph


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "load" and len(sys.argv) == 5:
        store_dir, path, graph = sys.argv[2:5]
        cores = len(os.sched_getaffinity(0))
        store = pyoxigraph.Store(store_dir)
        start = time.perf_counter()
        store.bulk_load(
            path=path,
            format=pyoxigraph.RdfFormat.N_TRIPLES,
            to_graph=pyoxigraph.NamedNode(graph),
        )
        seconds = time.perf_counter() - start
        del store
        print(f"pyoxigraph_version={pyoxigraph.__version__}")
        print(f"load_seconds={seconds:.3f}")
        print(
            "code_path=Store.bulk_load(path=...) -> BulkLoader::parallel_load_from_file "
            + ("(parallel N-Triples parsing)" if cores // 2 >= 2 else
               f"(falls back to sequential load_from_reader: {cores} cores, {cores}//2 < 2)")
        )
    elif len(sys.argv) == 3 and sys.argv[1] == "count":
        store = pyoxigraph.Store.read_only(sys.argv[2])
        print(f"triples={len(store)}")
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
