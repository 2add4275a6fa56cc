"""Speaker names across the corpus → one canonical speaker each, with aliases, descriptions and group.

Links are made only when they are safe:

* spelling variants of a full name across outlets (``Volodymyr Zelenskyy`` / ``Volodymyr
  Zelensky``): same first name, surnames equal after folding doubled letters or one edit apart;
* a surname alone (``Healey``) → the one full name with that surname, in the same article
  first, else in the corpus (``surname``);
* a misspelt surname (``Hayes``) → the full name one edit away in the same post, else the same
  article, when only one fits and the word is at least five letters long (``fuzzy``);
* two descriptions of one collective in an article that name the same members (``a group of
  European countries`` / ``a joint statement between European countries``).

``data/speakers.csv`` (columns ``name, alias, group, description``; ``#`` starts a comment) adds
aliases and overrides groups; the defaults are inferred from the text alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import speech as sp
from ..text.words import hyphen_parts, word_pieces
from ..ingest.usertables import check_choice, fail, read_user_table, table_path
from ..wordlists import words

__all__ = ["fold", "same_name", "slug", "read_overrides", "link_speakers", "infer_group", "OVERRIDE_COLUMNS"]

OVERRIDE_COLUMNS = ["name", "alias", "group", "description"]
_FUNCTION = words("speaker_function_words")
_COLLECTIVE_RE = re.compile(r"^(?P<head>.+?)\s+(?:of|between|from|by)\s+(?P<members>\S+\s+\S.*)$")


def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name; function words dropped."""
    return _fold(str(name))


@lru_cache(maxsize=1 << 16)
def _fold(name: str) -> str:
    """:func:`fold`, once per distinct name (speakers are named and compared many times)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = [w for w in word_pieces(text) if w not in _FUNCTION]
    return " ".join(words)


def _squash(word: str) -> str:
    """Fold transliteration noise: doubled letters, a final ``y`` after ``i``/``y``."""
    word = re.sub(r"(.)\1+", r"\1", fold(word))
    return re.sub(r"(?<=[iy])y$|(?<=i)i", "", word)


_LAST_SQUASHED: dict[str, str] = {}


def _last_squashed(name: str) -> str:
    """``_squash`` of a name's last word, remembered (the same names are compared many times)."""
    found = _LAST_SQUASHED.get(name)
    if found is None:
        if len(_LAST_SQUASHED) > 50_000:
            _LAST_SQUASHED.clear()
        found = _LAST_SQUASHED[name] = _squash(name.split()[-1])
    return found


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _looks_like_name(name: str) -> bool:
    """A personal name: first and last words capitalised ("Ursula von der Leyen"), not a
    description ("senior EU official")."""
    words = name.split()
    return bool(words) and words[0][:1].isupper() and words[-1][:1].isupper()


def same_name(a: str, b: str) -> bool:
    """Two full names are one person: same first name, surnames equal up to spelling noise."""
    fa, fb = fold(a).split(), fold(b).split()
    if len(fa) < 2 or len(fb) < 2 or fa[0] != fb[0]:
        return fa == fb
    return _squash(fa[-1]) == _squash(fb[-1]) or (len(fa[-1]) >= 5 and _one_edit(fa[-1], fb[-1]))


def _deletions(word: str) -> set[str]:
    """``word`` and every string one letter shorter: two words one edit apart share one of these."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _name_pairs(names: list[str]) -> list[tuple[str, str]]:
    """The pairs of ``names`` for which :func:`same_name` holds, found through indexes rather than
    by comparing every pair: names are blocked by folded first name, then candidates share a
    squashed surname or a one-deletion key of the folded surname; each candidate pair is
    confirmed by :func:`same_name` itself. Names whose folded form has fewer than two words pair
    only with their exact folded equals (as :func:`same_name` says)."""
    keyed: dict[tuple, list[str]] = {}
    for n in names:
        words = fold(n).split()
        if len(words) < 2:
            keyed.setdefault(("exact", " ".join(words)), []).append(n)
            continue
        first, last = words[0], words[-1]
        keyed.setdefault(("squash", first, _squash(last)), []).append(n)
        if len(last) >= 4:  # a one-edit partner of a 5-letter surname has at least 4 letters
            for key in _deletions(last):
                keyed.setdefault(("edit", first, key), []).append(n)
    pairs: set[tuple[str, str]] = set()
    for group in keyed.values():
        unique = sorted(set(group))
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                if (a, b) not in pairs and same_name(a, b):
                    pairs.add((a, b))
    return sorted(pairs)


def slug(name: str) -> str:
    return "-".join(fold(name).split()) or "unknown"


def read_overrides(path: str | Path | None = None) -> pd.DataFrame:
    """The user-editable speaker table (empty frame when the file is missing).

    Every column must be there and spelt right; a row with an alias, group or description needs
    a ``name``, and a ``group`` must be one of ``speech.GROUPS``: otherwise a TableError names the
    file, line and column (an override is never dropped silently)."""
    path = Path(path) if path is not None else table_path("speakers.csv")
    if not path.is_file():
        return pd.DataFrame(columns=OVERRIDE_COLUMNS)
    table = read_user_table(path, OVERRIDE_COLUMNS, required=OVERRIDE_COLUMNS)
    filled = table.ne("").any(axis=1)
    nameless = filled & table["name"].eq("")
    if nameless.any():
        raise fail(path, table, int(nameless.to_numpy().argmax()), "name", "every row needs a name")
    check_choice(path, table, "group", sp.GROUPS)
    return table.replace("", pd.NA).astype("string").dropna(how="all")


def infer_group(name: str, person: bool, descriptions: list[str]) -> str:
    """The group a speaker belongs to, from what the text says about them."""
    texts = [d for d in descriptions if d]
    words = [hyphen_parts(t.lower()) for t in texts]
    flat = [re.sub(r"['’]s$", "", w) for ws in words for w in ws]
    if any(t.lower().startswith("our ") and set(ws) & sp.JOURNALIST_ROLES for t, ws in zip(texts, words)):
        return "journalists"
    if set(flat) & sp.EXPERT_ROLES and not set(flat) & (sp.OFFICIAL_ROLES - {"member", "man", "woman"}):
        return "experts and citizens"
    if "nato" in flat:
        return "NATO"
    for w in flat + ([] if person else hyphen_parts(name.lower())):
        if w in sp.AFFILIATIONS and w != "alliance":
            return sp.AFFILIATIONS[w]
    if not person:
        for w in hyphen_parts(name.lower()):
            if w in sp.AFFILIATIONS:
                return sp.AFFILIATIONS[w]
        return "organisations"
    if set(flat) & sp.JOURNALIST_ROLES:
        return "journalists"
    return "unknown"


class _Clusters:
    """Union-find over raw speaker names."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def link_speakers(quotes: pd.DataFrame, overrides: pd.DataFrame | None = None) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """Canonical name per quote row, the link type per row (surname/fuzzy/None), and the speakers frame."""
    overrides = overrides if overrides is not None else pd.DataFrame(columns=OVERRIDE_COLUMNS)
    alias_map = {
        fold(a): n for n, a in zip(overrides.get("name", []), overrides.get("alias", [])) if pd.notna(a) and pd.notna(n)
    }
    rows = quotes[quotes["speaker"].notna()]
    raw = rows["speaker"].astype(str).map(lambda s: alias_map.get(fold(s), s))
    person = rows["person"].fillna(True).astype(bool) if "person" in rows else pd.Series(True, index=rows.index)
    clusters = _Clusters()
    link: dict[int, str] = {}

    full = sorted({n for n, p in zip(raw, person) if p and len(n.split()) >= 2 and _looks_like_name(n)})
    for a, b in _name_pairs(full):
        clusters.union(a, b)
    by_article: dict[str, list[str]] = {}
    by_post: dict[tuple[str, int], list[str]] = {}
    for (ix, name), art, post, p in zip(raw.items(), rows["article"], rows["post"], person):
        clusters.find(name)
        if p and len(name.split()) >= 2 and _looks_like_name(name):
            by_article.setdefault(art, []).append(name)
            by_post.setdefault((art, post), []).append(name)
    # Surnames and misspellings: same post, same article, then the corpus. Full names are indexed
    # by their squashed surname, so a surname looks up its candidates instead of scanning them.
    full_last: dict[str, list[str]] = {}
    for n in full:
        full_last.setdefault(_last_squashed(n), []).append(n)
    article_last: dict[tuple[str, str], list[str]] = {}
    for art, names in by_article.items():
        for n in names:
            article_last.setdefault((art, _last_squashed(n)), []).append(n)
    post_last: dict[tuple[str, int, str], list[str]] = {}
    for (art, post), names in by_post.items():
        for n in names:
            post_last.setdefault((art, post, _last_squashed(n)), []).append(n)
    for (ix, name), art, post, p in zip(raw.items(), rows["article"], rows["post"], person):
        if not p or len(name.split()) != 1 or not name[:1].isupper():
            continue  # "official" is a description, not a surname
        want = _squash(name)
        target, how = None, None
        for scope in (post_last.get((art, post, want), ()), article_last.get((art, want), ()), full_last.get(want, ())):
            hits = {clusters.find(n) for n in scope}
            if len(hits) == 1:
                target, how = hits.pop(), "surname"
                break
        if target is None and len(name) >= 5:
            for scope in (by_post.get((art, post), []), by_article.get(art, [])):
                hits = {clusters.find(n) for n in scope if _one_edit(fold(n.split()[-1]), fold(name))}
                if len(hits) == 1:
                    target, how = hits.pop(), "fuzzy"
                    break
        if target is not None:
            clusters.union(target, name)
            link[ix] = how
    # Collectives described by the same members within one article.
    for art, names in rows.assign(_raw=raw)[~person].groupby("article")["_raw"]:
        seen: dict[str, str] = {}
        for n in dict.fromkeys(names):
            m = _COLLECTIVE_RE.match(" ".join(str(n).lower().split()))
            if m and len(fold(m.group("members")).split()) >= 2:
                key = fold(m.group("members"))
                if key in seen:
                    clusters.union(seen[key], n)
                else:
                    seen[key] = n
    # Overrides name clusters: an alias joins the named speaker.
    for n in alias_map.values():
        clusters.find(n)

    members: dict[str, list[str]] = {}
    for n in raw:
        members.setdefault(clusters.find(n), []).append(n)
    canonical = {}
    for root, names in members.items():
        counts = Counter(names)
        # Ties keep the order of frequency, then of first appearance (as value_counts did).
        order = sorted(counts, key=lambda n: -counts[n])
        best = max(order, key=lambda n: (len(n.split()) >= 2, counts[n], len(n)))
        canonical[root] = best
    speaker = raw.map(lambda n: canonical[clusters.find(n)])
    link_type = pd.Series(link, dtype="object").reindex(rows.index)

    frame = _speaker_frame(rows.assign(_canonical=speaker, _raw=raw, _person=person), overrides)
    return speaker.reindex(quotes.index), link_type.reindex(quotes.index), frame


def _speaker_frame(rows: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker and outlet: aliases and descriptions as that outlet gives them, counts."""
    group_override = {
        fold(n): g for n, g in zip(overrides.get("name", []), overrides.get("group", [])) if pd.notna(g) and pd.notna(n)
    }
    desc_override: dict[str, list[str]] = {}
    for n, d in zip(overrides.get("name", []), overrides.get("description", [])):
        if pd.notna(d) and pd.notna(n):
            desc_override.setdefault(fold(n), []).append(str(d))
    out = []
    # Plain Python over the columns: one pass, no per-speaker frames.
    n_words = [len(str(q).split()) for q in rows["quote"]]
    columns = {
        c: (rows[c].tolist() if c in rows else [None] * len(rows))
        for c in ("_canonical", "outlet", "_raw", "_person", "description", "apposition", "speaker_mention",
                  "attribution")
    }
    by_name: dict[str, list[int]] = {}
    for k, name in enumerate(columns["_canonical"]):
        by_name.setdefault(name, []).append(k)
    outlets = rows["outlet"]
    outlet_order = list(outlets.cat.categories) if isinstance(outlets.dtype, pd.CategoricalDtype) else None
    for name in sorted(by_name):
        ks = by_name[name]
        descs_all = _descriptions_of(columns, ks) + desc_override.get(fold(name), [])
        persons = [bool(columns["_person"][k]) for k in ks]
        is_person = persons.count(True) > persons.count(False)  # the mode; a tie reads as a body
        group = group_override.get(fold(name)) or infer_group(str(name), is_person, descs_all)
        by_outlet: dict[object, list[int]] = {}
        for k in ks:
            by_outlet.setdefault(columns["outlet"][k], []).append(k)
        keys = [o for o in outlet_order if o in by_outlet] if outlet_order is not None else sorted(by_outlet, key=str)
        for outlet in keys:
            sub = by_outlet[outlet]
            out.append(
                {
                    "speaker_id": slug(str(name)),
                    "name": name,
                    "outlet": outlet,
                    "aliases": sorted({str(columns["_raw"][k]) for k in sub} | set(_mentions_of(columns, sub))),
                    "descriptions": _descriptions_of(columns, sub),
                    "group": group,
                    "person": is_person,
                    "n_quotes": len(sub),
                    "quoted_words": sum(n_words[k] for k in sub),
                }
            )
    frame = pd.DataFrame(
        out, columns=["speaker_id", "name", "outlet", "aliases", "descriptions", "group", "person", "n_quotes",
                      "quoted_words"],
    )
    return frame.astype(
        {"speaker_id": "string", "name": "string", "group": pd.CategoricalDtype(sp.GROUPS), "n_quotes": "int64",
         "quoted_words": "int64", "person": "bool"}
    )


def _descriptions_of(columns: dict[str, list], ks: list[int]) -> list[str]:
    found: list[str] = []
    for col in ("description", "apposition"):
        values = columns[col]
        for k in ks:
            value = values[k]
            if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                continue
            for d in str(value).split(" | "):
                d = d.strip()
                if d and d not in found:
                    found.append(d)
    return found


def _mentions_of(columns: dict[str, list], ks: list[int]) -> list[str]:
    names = []
    for k in ks:
        m, how = columns["speaker_mention"][k], columns["attribution"][k]
        if isinstance(m, str) and str(how) in NAMING_ATTRIBUTIONS:
            names.append(" ".join(m.split()))
    return names


def _descriptions(rows: pd.DataFrame) -> list[str]:
    found: list[str] = []
    for col in ("description", "apposition"):
        if col in rows:
            for value in rows[col].dropna().astype(str):
                for d in value.split(" | "):
                    d = d.strip()
                    if d and d not in found:
                        found.append(d)
    return found


def _mentions(rows: pd.DataFrame) -> list[str]:
    """Mentions that name the speaker (not pronouns): the other spellings the outlet uses."""
    if "speaker_mention" not in rows:
        return []
    names = []
    for m, how in zip(rows["speaker_mention"], rows["attribution"]):
        if isinstance(m, str) and how in NAMING_ATTRIBUTIONS:
            names.append(" ".join(m.split()))
    return names


NAMING_ATTRIBUTIONS = ("named", "apposition", "role", "surname", "fuzzy")
NAME_COLUMNS = ["speaker_id", "speaker", "outlet", "alias", "n_quotes", "article", "start", "end"]
SPEAKER_COLUMNS = [
    "speaker_id", "name", "group", "person", "aliases", "descriptions", "outlets", "n_quotes", "quoted_words",
    "article", "start", "end",
]


def speaker_names(quotes: pd.DataFrame) -> pd.DataFrame:
    """Every way each outlet names each speaker: one row per speaker × outlet × written form.

    ``article``/``start``/``end`` point at the first mention in that form, so the row can be
    found in the text; ``n_quotes`` counts the quotations attributed through that form.
    """
    naming = quotes["attribution"].astype(str).isin(NAMING_ATTRIBUTIONS)
    named = quotes[naming & quotes["speaker_id"].notna() & quotes["mention_start"].notna()]
    named = named.assign(alias=named["speaker_mention"].astype(str).str.split().str.join(" "))
    grouped = named.sort_values(["article", "mention_start"]).groupby(
        ["speaker_id", "speaker", "outlet", "alias"], observed=True, sort=True
    )
    frame = grouped.agg(
        n_quotes=("quote", "size"), article=("article", "first"), start=("mention_start", "first"),
        end=("mention_end", "first"),
    ).reset_index()
    return frame[NAME_COLUMNS].astype({"start": "int64", "end": "int64", "n_quotes": "int64"})


def speaker_table(per_outlet: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker across the corpus: every alias and description, totals, where first named."""
    first = names.sort_values(["article", "start"]).groupby("speaker_id", sort=False)[["article", "start", "end"]].first()
    # each speaker's rows (speaker × outlet) in frame order, read from plain column lists: one pass,
    # not a frame per speaker
    columns = ("speaker_id", "name", "group", "person", "aliases", "descriptions", "outlet", "n_quotes", "quoted_words")
    values = {c: per_outlet[c].tolist() for c in columns}
    positions: dict[str, list[int]] = {}
    for i, speaker_id in enumerate(values["speaker_id"]):
        if not pd.isna(speaker_id):
            positions.setdefault(speaker_id, []).append(i)
    rows = []
    for speaker_id in sorted(positions):
        at = positions[speaker_id]
        rows.append(
            {
                "speaker_id": speaker_id,
                "name": values["name"][at[0]],
                "group": values["group"][at[0]],
                "person": bool(values["person"][at[0]]),
                "aliases": sorted({a for i in at for a in values["aliases"][i]}),
                "descriptions": list(dict.fromkeys(d for i in at for d in values["descriptions"][i])),
                "outlets": sorted(str(values["outlet"][i]) for i in at),
                "n_quotes": sum(int(values["n_quotes"][i]) for i in at),
                "quoted_words": sum(int(values["quoted_words"][i]) for i in at),
            }
        )
    frame = pd.DataFrame(rows, columns=SPEAKER_COLUMNS[:-3]).join(first, on="speaker_id")
    return frame.astype(
        {"speaker_id": "string", "name": "string", "group": pd.CategoricalDtype(sp.GROUPS), "article": "string",
         "start": "Int64", "end": "Int64"}
    )[SPEAKER_COLUMNS]
