"""One article, one voice: near-duplicate articles (the same press release
syndicated by several sites, a story re-published with a changed headline)
are grouped, so that ``indicator_series`` counts them once.

Why datasketch: comparing every pair of articles is quadratic (38,000
articles are 720 million pairs); MinHash signatures estimate the Jaccard
similarity of two articles' word 3-shingles, and locality-sensitive hashing
over bands of the signature finds the pairs above a threshold in about linear
time. datasketch is the maintained implementation of MinHash and of the
choice of bands and rows for a threshold; the bands themselves are kept in
SQLite (``near_duplicate_bands``), so an ingest of ten new articles does not
rebuild an index of every earlier one.

Each worker signs its document (:func:`sign`, from the folded sentences it
already computes); the writer stores the signature and its band keys in the
document's transaction (:func:`rows`); :func:`refresh`, at the end of every
ingest and merge, signs what has no signature (a merged shard, an older
database), joins the bands, checks each candidate pair's estimated
similarity, and sets ``group_id`` to the earliest-published document of each
group (the document itself when it has no near-duplicate).
"""

from __future__ import annotations

import hashlib
import zlib
from functools import lru_cache

import regex

NUM_PERM = 128
THRESHOLD = 0.8  # estimated Jaccard similarity of word 3-shingles above which two articles are one
SHINGLE = 3


@lru_cache(maxsize=1)
def _params():
    """(permutations, bands, rows): the permutations drawn once (a MinHash
    draws them on every construction otherwise), and datasketch's optimal
    banding for the threshold."""
    from datasketch import MinHash
    from datasketch.lsh import _optimal_param

    m = MinHash(num_perm=NUM_PERM)
    b, r = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)
    return m.permutations, m.scheme, b, r


def shingles(folded: str) -> list[bytes]:
    words = regex.findall(r"[\p{L}\p{N}]+", folded)
    if len(words) < SHINGLE:
        return [" ".join(words).encode()] if words else []
    return list({" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)})


def sign(folded: str) -> bytes:
    """The MinHash signature of a folded text (``textnorm.search_key``), as
    bytes. crc32 hashes the shingles: stable across processes and about twice
    as fast as datasketch's default sha1."""
    from datasketch import MinHash

    perms, scheme, _, _ = _params()
    m = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=perms, scheme=scheme)
    sh = shingles(folded)
    if sh:
        m.update_batch(sh)
    return m.hashvalues.astype("<u8").tobytes()


def band_keys(signature: bytes) -> list[int]:
    """One key per band: its index and its rows, hashed to 62 bits."""
    _, _, b, r = _params()
    width = 8 * r
    return [int.from_bytes(hashlib.blake2b(bytes([i]) + signature[i * width:(i + 1) * width], digest_size=8).digest(),
                           "little") >> 2 for i in range(b)]


def similarity(a: bytes, b: bytes) -> float:
    import numpy as np

    x, y = np.frombuffer(a, dtype="<u8"), np.frombuffer(b, dtype="<u8")
    return float((x == y).mean())


def ensure_tables(db) -> None:
    names = set(db.table_names())
    if "near_duplicates" not in names:
        db["near_duplicates"].create({"document": str, "signature": bytes, "group_id": str}, pk="document",
                                     foreign_keys=[("document", "documents", "id")])
        db["near_duplicates"].create_index(["group_id"])
    if "near_duplicate_bands" not in names:
        db["near_duplicate_bands"].create({"key": int, "document": str}, pk=("key", "document"),
                                          foreign_keys=[("document", "documents", "id")])
        db["near_duplicate_bands"].create_index(["document"])


def rows(doc_id: str, signature: bytes) -> tuple[dict, list[dict]]:
    """The rows a document adds (its own group until :func:`refresh`)."""
    return ({"document": doc_id, "signature": signature, "group_id": doc_id},
            [{"key": k, "document": doc_id} for k in band_keys(signature)])


def delete(db, doc_id: str) -> None:
    for t in ("near_duplicate_bands", "near_duplicates"):
        db.execute(f"delete from {t} where document = ?", [doc_id])


def refresh(db) -> int:
    """Sign the documents without a signature and regroup; returns how many
    documents share their group with another."""
    from .textnorm import search_key

    ensure_tables(db)
    con = db.conn
    missing = con.execute(
        "select d.id, substr(d.text, coalesce(d.body_start, 0) + 1, "
        "coalesce(d.body_end, length(d.text)) - coalesce(d.body_start, 0)) from documents d "
        "where not exists (select 1 from near_duplicates n where n.document = d.id)").fetchall()
    with db.atomic():
        con.execute("delete from near_duplicates where document not in (select id from documents)")
        con.execute("delete from near_duplicate_bands where document not in (select id from documents)")
        for doc, text in missing:
            nd, bands = rows(doc, sign(search_key(text or "")))
            db["near_duplicates"].insert(nd, replace=True)
            db["near_duplicate_bands"].insert_all(bands, replace=True)
    pairs = con.execute("select distinct a.document, b.document from near_duplicate_bands a "
                        "join near_duplicate_bands b on a.key = b.key and a.document < b.document").fetchall()
    parent: dict[str, str] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sig = {}
    for a, b in pairs:
        for d in (a, b):
            if d not in sig:
                sig[d] = con.execute("select signature from near_duplicates where document = ?", [d]).fetchone()[0]
        if similarity(sig[a], sig[b]) >= THRESHOLD:
            parent[find(a)] = find(b)
    members = list(parent)
    published = dict(con.execute(
        f"select id, coalesce(published, '') from documents where id in ({','.join('?' * len(members))})",
        members).fetchall()) if members else {}
    first: dict[str, tuple] = {}
    for d in members:
        r, key = find(d), (published.get(d, ""), d)
        if r not in first or key < first[r]:
            first[r] = key
    groups = {d: first[find(d)][1] for d in members}
    current = dict(con.execute("select document, group_id from near_duplicates where group_id != document "
                               "or document in (select value from json_each(?))",
                               [__import__("json").dumps(members)]).fetchall())
    changes = [(groups.get(d, d), d) for d, g in current.items() if groups.get(d, d) != g]
    if changes:
        with db.atomic():
            con.executemany("update near_duplicates set group_id = ? where document = ?", changes)
    return sum(1 for d, g in groups.items() if g != d) + len({g for d, g in groups.items() if g != d})
