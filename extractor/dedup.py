"""One article, one voice: near-duplicate articles (the same press release
syndicated by several sites, a story re-published with a changed headline)
are grouped, so that ``indicator_series`` counts them once.

Why datasketch: comparing every pair of articles is quadratic (38,000
articles are 720 million pairs); MinHash signatures with locality-sensitive
hashing find the pairs whose word 3-shingles have a Jaccard similarity above
a threshold in about linear time, and datasketch is the maintained, pure-Python
implementation of both.

The table ``near_duplicates`` holds one row per document: its MinHash
signature (computed once, from the folded article region) and ``group_id``,
the earliest-published document of its group (the document itself when it
has no near-duplicate). :func:`refresh` runs at the end of every ingest and
merge.
"""

from __future__ import annotations

import regex

NUM_PERM = 128
THRESHOLD = 0.8  # Jaccard similarity of word 3-shingles above which two articles are one
SHINGLE = 3


def shingles(text: str) -> set[bytes]:
    from .textnorm import search_key

    words = regex.findall(r"[\p{L}\p{N}]+", search_key(text))
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str):
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return m


def ensure_table(db) -> None:
    if "near_duplicates" not in db.table_names():
        db["near_duplicates"].create({"document": str, "signature": bytes, "group_id": str}, pk="document")
        db["near_duplicates"].create_index(["group_id"])


def refresh(db) -> int:
    """Sign the documents not yet signed, regroup every document; returns how
    many documents share their group with another."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    ensure_table(db)
    con = db.conn
    new = con.execute(
        "select d.id, substr(d.text, coalesce(d.body_start, 0) + 1, "
        "coalesce(d.body_end, length(d.text)) - coalesce(d.body_start, 0)) from documents d "
        "where d.id not in (select document from near_duplicates)").fetchall()
    with db.atomic():
        con.execute("delete from near_duplicates where document not in (select id from documents)")
        con.executemany("insert into near_duplicates (document, signature, group_id) values (?, ?, ?)",
                        [(doc, signature(text or "").hashvalues.astype("<u8").tobytes(), doc) for doc, text in new])
    rows = con.execute("select n.document, n.signature, coalesce(d.published, ''), n.group_id from near_duplicates n "
                       "join documents d on d.id = n.document").fetchall()
    scheme = MinHash(num_perm=NUM_PERM).scheme  # the scheme signature() used
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sigs = {}
    for doc, sig, _, _ in rows:
        m = MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(sig, dtype="<u8"), scheme=scheme)
        sigs[doc] = m
        lsh.insert(doc, m)
    parent = {doc: doc for doc in sigs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc, m in sigs.items():
        for other in lsh.query(m):
            if other != doc and m.jaccard(sigs[other]) >= THRESHOLD:
                parent[find(other)] = find(doc)
    key = {doc: (pub, doc) for doc, _, pub, _ in rows}
    best: dict[str, tuple] = {}
    for doc in sigs:
        r = find(doc)
        if r not in best or key[doc] < best[r]:
            best[r] = key[doc]
    groups = {doc: best[find(doc)][1] for doc in sigs}
    changed = [(g, doc) for doc, _, _, old in rows if (g := groups[doc]) != old]
    if changed:
        with db.atomic():
            con.executemany("update near_duplicates set group_id = ? where document = ?", changed)
    from collections import Counter

    sizes = Counter(groups.values())
    return sum(n for n in sizes.values() if n > 1)
