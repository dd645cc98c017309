#!/usr/bin/env python3
"""Reads a PhysStudio preference dataset (docs/preference-dataset.md) for DPO training.

Standard library only; numpy is used for the embeddings when it is installed.

    from physstudio_dpo import load
    ds = load("my-dataset")
    for pair in ds:
        pair.prompt, pair.first_frame, pair.chosen, pair.rejected   # text and absolute paths
        pair.embedding                                              # the scene embedding (floats)
        pair.judge                                                  # "person" or "machine"

A trainer conditions the video model on (first_frame, prompt) and applies the DPO loss to the
chosen and the rejected clip. Run it as a script to check a dataset and print a summary:

    python3 docs/physstudio_dpo.py my-dataset [--json]
"""

import json
import os
import sys
from array import array

FORMAT = "physstudio.preference-dataset"
VERSION = 1


class DatasetError(ValueError):
    """The folder is not a dataset this loader reads, or it is damaged."""


class Pair:
    """One row: a prompt, a first frame, and two clips of which `chosen` was judged more physical."""

    __slots__ = ("row", "root", "embedding")

    def __init__(self, row, root, embedding):
        self.row = row
        self.root = root
        self.embedding = embedding

    def path(self, key):
        return os.path.join(self.root, *self.row[key].split("/"))

    @property
    def id(self):
        return self.row["id"]

    @property
    def prompt(self):
        return self.row["prompt"]

    @property
    def refined_prompt(self):
        return self.row["refined_prompt"]

    @property
    def first_frame(self):
        return self.path("first_frame")

    @property
    def chosen(self):
        return self.path("chosen")

    @property
    def rejected(self):
        return self.path("rejected")

    @property
    def judge(self):
        return self.row["judge"]

    def __getattr__(self, key):
        try:
            return self.row[key]
        except KeyError:
            raise AttributeError(key) from None


class Dataset:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        try:
            with open(os.path.join(self.root, "dataset.json"), encoding="utf-8") as f:
                self.meta = json.load(f)
        except FileNotFoundError:
            raise DatasetError(f"{self.root} has no dataset.json") from None
        if self.meta.get("format") != FORMAT:
            raise DatasetError(f"{self.root} is not a {FORMAT}")
        if self.meta.get("version") != VERSION:
            raise DatasetError(f"dataset version {self.meta.get('version')} is not {VERSION}; use a newer loader")
        self.rows = []
        with open(os.path.join(self.root, "pairs.jsonl"), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        self.rows.append(json.loads(line))
                    except json.JSONDecodeError as e:
                        raise DatasetError(f"pairs.jsonl:{n}: {e}") from None
        if len(self.rows) != self.meta["rows"]:
            raise DatasetError(f"pairs.jsonl has {len(self.rows)} rows; dataset.json says {self.meta['rows']}")
        emb = self.meta["embedding"]
        self.dim = emb["dim"]
        values = array("f")
        with open(os.path.join(self.root, emb["file"]), "rb") as f:
            data = f.read()
        if len(data) != 4 * self.dim * emb["rows"]:
            raise DatasetError(f"{emb['file']} holds {len(data)} bytes, not {emb['rows']} rows of {self.dim} float32")
        values.frombytes(data)
        if sys.byteorder != "little":
            values.byteswap()
        self._embeddings = values

    def __len__(self):
        return len(self.rows)

    def embedding(self, index):
        start = index * self.dim
        return self._embeddings[start : start + self.dim]

    def embeddings(self):
        """All embeddings as an (rows, dim) numpy array when numpy is there, else a list of arrays."""
        try:
            import numpy as np
        except ImportError:
            return [self.embedding(i) for i in range(len(self.rows))]
        return np.frombuffer(self._embeddings.tobytes(), dtype="<f4").reshape(-1, self.dim) if self.dim else np.zeros((len(self.rows), 0), "<f4")

    def __getitem__(self, i):
        row = self.rows[i]
        return Pair(row, self.root, self.embedding(row["embedding_index"]))

    def __iter__(self):
        for i in range(len(self.rows)):
            yield self[i]

    def check(self):
        """Every file a row names exists; returns the problems found (empty when the dataset is whole)."""
        problems = []
        for pair in self:
            for key in ("first_frame", "chosen", "rejected"):
                if not os.path.exists(pair.path(key)):
                    problems.append(f"{pair.id}: {key} {pair.row[key]} is missing")
            if pair.judge not in ("person", "machine"):
                problems.append(f"{pair.id}: judge is {pair.judge!r}")
        return problems


def load(root):
    return Dataset(root)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    ds = load(argv[0])
    problems = ds.check()
    if "--json" in argv:
        print(
            json.dumps(
                {
                    "rows": len(ds),
                    "dim": ds.dim,
                    "problems": problems,
                    "pairs": [
                        {
                            "id": p.id,
                            "prompt": p.prompt,
                            "refined_prompt": p.refined_prompt,
                            "chosen_variant": p.chosen_variant,
                            "judge": p.judge,
                            "seed": p.seed,
                            "chosen": p.chosen,
                            "rejected": p.rejected,
                            "first_frame": p.first_frame,
                            "chosen_bytes": os.path.getsize(p.chosen) if os.path.isfile(p.chosen) else None,
                            "embedding": list(p.embedding),
                            "pixel_scores": p.pixel_scores,
                        }
                        for p in ds
                    ],
                }
            )
        )
    else:
        judges = {}
        for p in ds:
            judges[p.judge] = judges.get(p.judge, 0) + 1
        print(f"{len(ds)} pairs ({', '.join(f'{v} by {k}' for k, v in sorted(judges.items())) or 'none'}), scene embedding of {ds.dim} floats")
        for line in problems:
            print(f"! {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
