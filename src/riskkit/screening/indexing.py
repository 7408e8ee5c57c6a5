"""Building a ``ScreeningIndex`` from list entries: the one pass that fills its tables.

Tokens are interned as integer ids so that a name is a small tuple of ints; document
frequencies give each token an IDF weight. Memory matters at a million names: intermediate
lists are freed as soon as they are copied into arrays.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from zlib import crc32

from riskkit.screening.frequency import is_ordinary
from riskkit.screening.lightest import lightest_first
from riskkit.screening.model import EntryRecord
from riskkit.screening.normalize import tokens
from riskkit.screening.sources._common import identifier_key
from riskkit.screening.tables import HASH_BITS, MIN_FUZZY_LEN, WEAK, FlatTuples, HashMultimap

if TYPE_CHECKING:
    from riskkit.screening.index import ScreeningIndex

_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,7}$")


def _name_variants(entry: EntryRecord) -> Iterable[tuple[str, int]]:
    """(name, kind index) pairs; "X (ABC)" also yields "X" (strong) and "ABC" (weak)."""
    for position, name in enumerate(entry.strong_names()):
        kind = 0 if position == 0 else 1
        yield name, kind
        if "(" in name:
            # Only a trailing acronym is dropped ("... Center (SSRC)"): other parentheticals
            # carry meaning ("GAZPROMBANK (SWITZERLAND) LTD" is not Gazprombank).
            inside = _PARENTHETICAL.findall(name)
            acronyms = [
                a.strip()
                for a in inside
                if _ACRONYM.match(a.strip()) and not is_ordinary(a.strip().casefold())
            ]
            if acronyms and len(acronyms) == len(inside):
                outside = _PARENTHETICAL.sub(" ", name).strip()
                if outside:
                    yield outside, kind
                for acronym in acronyms:
                    yield acronym, WEAK
    for name in entry.weak_aliases:
        yield name, WEAK


def build(index: ScreeningIndex, records: Sequence[EntryRecord]) -> None:
    """Fill the tables of ``index`` from ``records`` (see ``ScreeningIndex``)."""
    index.records = tuple(records)
    vocabulary: dict[str, int] = {}
    words: list[str] = []
    index.vocabulary = vocabulary
    index.words = words
    # Parallel arrays, one slot per indexed name: cheaper than an object per name.
    name_entry: list[int] = []
    name_kind = bytearray()
    name_text: list[str] = []
    name_tokens: list[tuple[int, ...]] = []
    index.name_text = name_text
    exact_packed: list[int] = []
    compact_packed: list[int] = []
    postings: dict[int, list[int]] = {}
    index.identifiers = {}
    index.identifier_values = {}
    # The same names recur across files (SDN 2021, SDN 2024, CSL): normalise each once and
    # keep its token ids (the tuple name_tokens holds too, so the cache costs a dict slot).
    normalised_as: dict[bool | None, dict[str, tuple[int, ...]]] = {
        True: {}, False: {}, None: {},
    }  # fmt: skip
    identifiers = index.identifiers
    identifier_values = index.identifier_values
    for entry_id, entry in enumerate(index.records):
        entity_type = entry.entity_type
        person = True if entity_type == "individual" else (
            None if entity_type == "unknown" else False
        )  # fmt: skip
        normalised = normalised_as[person]
        aliases = entry.aliases
        if entry.weak_aliases or "(" in entry.name or any("(" in a for a in aliases):
            variants = list(_name_variants(entry))
        else:
            variants = [(entry.name, 0)]
            variants += [(alias, 1) for alias in aliases]
        seen: set[tuple[int, ...]] = set()
        for name, kind in variants:
            ids = normalised.get(name)
            if ids is None:
                found = []
                for w in tokens(name, person=person):
                    token_id = vocabulary.get(w)
                    if token_id is None:
                        token_id = vocabulary[w] = len(words)
                        words.append(w)
                    found.append(token_id)
                ids = normalised[name] = tuple(found)
            if not ids:
                continue
            order_free = tuple(sorted(ids)) if len(ids) > 1 else ids
            if order_free in seen:
                continue
            seen.add(order_free)
            exact_hash = hash(order_free) & HASH_BITS
            compact_hash = (
                crc32("".join(map(words.__getitem__, ids)).encode("utf-8", "surrogatepass"))
                if len(ids) > 1 else -1
            )  # fmt: skip
            name_id = len(name_entry)
            name_entry.append(entry_id)
            name_text.append(name)
            name_tokens.append(ids)
            name_kind.append(kind)
            exact_packed.append(exact_hash << 32 | name_id)
            if compact_hash >= 0:
                compact_packed.append(compact_hash << 32 | name_id)
            if kind != WEAK:
                for token_id in set(ids) if len(ids) > 1 else ids:
                    if (named := postings.get(token_id)) is None:
                        postings[token_id] = [name_id]
                    else:
                        named.append(name_id)
        for ident in entry.identifiers:
            scheme, value = identifier_key(ident.scheme, ident.value)
            if (holders := identifiers.get((scheme, value))) is None:
                identifiers[(scheme, value)] = [entry_id]
            else:
                holders.append(entry_id)
            if (holders := identifier_values.get(value)) is None:
                identifier_values[value] = [entry_id]
            else:
                holders.append(entry_id)
    del normalised_as
    index.name_entry = array("L", name_entry)
    index.name_kind = bytes(name_kind)
    del name_entry
    index.exact = HashMultimap.from_hashes(exact_packed)
    index.compact = HashMultimap.from_hashes(compact_packed)
    del exact_packed, compact_packed
    names = max(1, len(name_tokens))
    log = math.log
    index.idf = [log(1.0 + names / max(1, len(postings.get(t, ())))) for t in range(len(words))]
    index.unknown_weight = math.log(1.0 + names)
    idf = index.idf
    index.name_weight = array(
        "d",
        [idf[ts[0]] if len(ts) == 1 else sum(map(idf.__getitem__, ts)) for ts in name_tokens],
    )
    # Token ids of every name, flat (a tuple per name costs about 80 bytes more).
    index.name_tokens = FlatTuples(
        array("L", itertools.chain.from_iterable(name_tokens)),
        array("L", itertools.chain((0,), itertools.accumulate(map(len, name_tokens)))),
    )
    del name_tokens[:]
    # Postings as one flat array: token t's names are flat[offsets[t]:offsets[t + 1]].
    # Each token's list is freed as soon as it is copied: the lists and their ints cost
    # about 100 MB at a million names, and the typo tables below need the room.
    flat = array("L")
    offsets = array("L", [0])
    listed: list[int] = []
    """Tokens in at least one strong name, ascending."""
    for token_id in range(len(words)):
        named = postings.pop(token_id, None)
        if named is not None:
            flat.extend(named)
            listed.append(token_id)
        offsets.append(len(flat))
    del postings
    index.posting_offsets = offsets
    index.posting_names = flat
    index.lightest_offsets, index.lightest_names = lightest_first(offsets, flat, index.name_weight)
    fuzzy = bytearray(len(words))
    deletes: list[int] = []
    links: list[int] = []
    """Typo neighbours found while building, as ``token << 32 | neighbour`` ints."""
    for token_id in listed:
        word = words[token_id]
        if len(word) >= MIN_FUZZY_LEN and word.isalpha():
            fuzzy[token_id] = 1
            less_one = [word[:i] + word[i + 1 :] for i in range(len(word))]
            # key_hash, inline: a function call per deletion costs seconds at a million.
            deletes += [
                crc32(v.encode("utf-8", "surrogatepass")) << 32 | token_id for v in less_one
            ]
            for shorter in map(vocabulary.get, less_one):
                if shorter is not None:
                    links.append(token_id << 32 | shorter)
                    links.append(shorter << 32 | token_id)
    index.fuzzy = bytes(fuzzy)
    # A word with a repeated letter has equal deletions ("hassan" -> "hasan" twice); the
    # duplicates only repeat a value, which the callers put in a set.
    index.deletes = HashMultimap.from_hashes(deletes)
    del deletes
    _link_neighbours(index, links)


def _link_neighbours(index: ScreeningIndex, links: list[int]) -> None:
    """Store every indexed word's typo neighbours, so that a query word the lists use
    needs one slice instead of a lookup per deletion.

    Two words are neighbours when one is the other less a letter (``links`` already holds
    those) or when they share a deletion: a run of equal keys in the deletion table.
    """
    keys = index.deletes.keys
    values = index.deletes.values
    run_start = previous = -2
    for i in [i for i, (a, b) in enumerate(itertools.pairwise(keys)) if a == b] + [-1]:
        if i == previous + 1:
            previous = i
            continue
        if run_start >= 0:
            members = set(values[run_start : previous + 2])
            if len(members) > 1:
                links += [a << 32 | b for a in members for b in members if a != b]
        run_start = previous = i
    links.sort()
    # Without repeats, then straight into arrays (a list of the neighbour ints alone would
    # cost about 200 MB at a million names); token t's neighbours start where the first
    # link owned by t or a later token is.
    unique = [link for link, _ in itertools.groupby(links)]
    del links[:]
    index.typo_neighbours = array("L", map(operator.and_, unique, itertools.repeat(HASH_BITS)))
    owners = array("L", map(operator.rshift, unique, itertools.repeat(32)))
    del unique
    index.typo_offsets = array(
        "L", map(bisect_left, itertools.repeat(owners), range(len(index.words) + 1))
    )
