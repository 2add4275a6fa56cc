"""Outlets compared: the words that set each outlet apart, and what one outlet has that another lacks.

Pure functions from frames to frames:

* ``distinguishing_terms``: for every outlet against all the others, the log-odds ratio of each
  word with an informative Dirichlet prior and its z-score (Monroe, Colaresi & Quinn 2008,
  "Fightin' words", as scattertext implements it), with an example sentence per outlet.
* ``only_quoted``: the people and bodies one outlet quotes and another does not.
* ``single_outlet_stories``: stories some outlets did not cover (from ``coverage_timing``).
* ``naming_differences``: the same speaker written differently by different outlets.
* ``spelling_variants``: names spelt differently across outlets (``NATO``/``Nato``,
  ``Zelenskyy``/``Zelensky``), found in the texts themselves.
* ``outlet_differences``: all of the above, by name.

Every row that points at text keeps ``article, start, end``.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from .stories import STOPWORDS
from ..text.words import lettered_words

__all__ = [
    "log_odds_dirichlet", "distinguishing_terms", "only_quoted", "single_outlet_stories", "naming_differences",
    "spelling_variants", "outlet_differences", "TERM_COLUMNS",
]

# Prior strength: the prior's pseudo-counts are the corpus counts times this (1 = as much weight
# as the data itself, the empirical-Bayes choice of tidylo's ``bind_log_odds``).
PRIOR_SCALE = 1.0  # the informative prior unscaled; set by hand, not tuned
UNIFORM_ALPHA = 0.01  # pseudo-count per word of the uninformative prior (scattertext's default)
MIN_TERM_COUNT = 2  # words seen fewer times in the whole corpus are left out (no evidence either way); a floor, not tuned
EXAMPLES = 2  # example sentences kept per term and outlet (presentation, not tuned)
MIN_VARIANT_COUNT = 1  # occurrences a spelling needs to be reported (every one: not tuned)
TEXT_KINDS = ("title", "standfirst", "summary", "post")  # units whose sentences are reporting, not furniture

TERM_COLUMNS = [
    "term", "outlet", "count", "count_other", "share", "share_other", "delta", "variance", "z", "example",
    "example_article", "example_start", "example_end", "examples",
]


# --------------------------------------------------------------------------- log-odds


def log_odds_dirichlet(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log-odds ratio of each word in group i against group j, with a Dirichlet prior ``alpha``.

    Monroe, Colaresi & Quinn (2008), eqs. 16 and 20::

        delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
        var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
        z_w     = delta_w / sqrt(var_w)

    Returns ``(delta, variance, z)``. Positive ``delta`` means the word is more typical of i.
    """
    y_i, y_j, alpha = (np.asarray(v, dtype=float) for v in (y_i, y_j, alpha))
    n_i, n_j, a_0 = y_i.sum(), y_j.sum(), alpha.sum()
    delta = np.log((y_i + alpha) / (n_i + a_0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + a_0 - y_j - alpha))
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, variance, delta / np.sqrt(variance)


def _terms(text: str) -> list[str]:
    """Lower-cased words of a sentence, possessive "'s" cut, stop words and one-letter words left out."""
    words = (re.sub(r"'s$", "", w.lower().replace("’", "'")) for _, w in lettered_words(text))
    return [w for w in words if len(w) > 1 and w not in STOPWORDS and "'" not in w]  # contractions are function words


def term_table(sentences: pd.DataFrame, articles: pd.DataFrame, posts: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per word occurrence: article, outlet, the sentence's offsets and text, the word.

    A sentence repeated word for word in the same article (a title printed twice) counts once.
    """
    sents = sentences.assign(_norm=sentences["text"].astype(str).str.lower().str.split().str.join(" "))
    sents = sents.drop_duplicates(["article", "_norm"])
    if posts is not None:
        kinds = posts.set_index(["article", "post"])["kind"].astype(str)
        keys = pd.MultiIndex.from_frame(sents[["article", "post"]].astype({"article": str}))
        sents = sents[kinds.reindex(keys).isin(TEXT_KINDS).to_numpy()]
    outlets = articles.set_index(articles["article"].astype(str))["outlet"].astype(str)
    rows = [(a, s, e, t, w) for a, s, e, t in zip(sents["article"].astype(str), sents["start"], sents["end"],
                                                  sents["text"].astype(str)) for w in _terms(t)]
    table = pd.DataFrame(rows, columns=["article", "start", "end", "text", "term"])
    table.insert(1, "outlet", table["article"].map(outlets))
    return table


def distinguishing_terms(sentences: pd.DataFrame, articles: pd.DataFrame, prior: str | pd.Series = "corpus",
                         posts: pd.DataFrame | None = None, min_count: int = MIN_TERM_COUNT,
                         prior_scale: float = PRIOR_SCALE) -> pd.DataFrame:
    """One row per word × outlet: how typical the word is of that outlet against all the others.

    ``prior``: ``'corpus'`` (pseudo-counts = the word's count over all outlets × ``prior_scale``,
    an informative prior), ``'uniform'`` (``UNIFORM_ALPHA`` for every word) or a Series of
    background counts indexed by word. ``posts`` (optional) keeps only sentences of reporting
    units (titles, summaries, posts; no bylines or boilerplate). ``delta`` is the log-odds ratio,
    ``z`` its z-score (|z| > 1.96: the difference is unlikely to be chance). Each row carries an
    example sentence of that outlet using the word (``example``, with its ``article, start,
    end``), and up to ``EXAMPLES`` of them joined in ``examples``. Rows are sorted by outlet and
    falling ``z``; ties by word, so the order is deterministic.
    """
    table = term_table(sentences, articles, posts)
    counts = table.groupby(["term", "outlet"]).size().unstack("outlet", fill_value=0).sort_index()
    counts = counts[counts.sum(axis=1) >= min_count]
    outlets = sorted(counts.columns)
    if counts.empty or len(outlets) < 2:
        return pd.DataFrame(columns=TERM_COLUMNS)
    alpha = _prior(prior, counts, prior_scale)
    examples = _examples(table)
    frames = []
    for outlet in outlets:
        y_i = counts[outlet].to_numpy(float)
        y_j = counts.drop(columns=outlet).sum(axis=1).to_numpy(float)
        delta, variance, z = log_odds_dirichlet(y_i, y_j, alpha)
        frames.append(pd.DataFrame({
            "term": counts.index, "outlet": outlet, "count": y_i.astype(int), "count_other": y_j.astype(int),
            "share": y_i / max(y_i.sum(), 1), "share_other": y_j / max(y_j.sum(), 1),
            "delta": delta, "variance": variance, "z": z,
        }))
    terms = pd.concat(frames, ignore_index=True)
    terms = terms.join(examples, on=["term", "outlet"])
    terms = terms.sort_values(["outlet", "z", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
    terms["outlet"] = pd.Categorical(terms["outlet"], categories=outlets)
    return terms.astype({"term": "string", "example": "string", "example_article": "string", "example_start": "Int64",
                         "example_end": "Int64", "examples": "string"})[TERM_COLUMNS]


def _prior(prior: str | pd.Series, counts: pd.DataFrame, scale: float) -> np.ndarray:
    if isinstance(prior, pd.Series):
        background = prior.reindex(counts.index).fillna(0).to_numpy(float)
        return scale * background + UNIFORM_ALPHA
    if prior == "corpus":
        return scale * counts.sum(axis=1).to_numpy(float)
    if prior == "uniform":
        return np.full(len(counts), UNIFORM_ALPHA)
    raise ValueError(f"prior must be 'corpus', 'uniform' or a Series of counts, not {prior!r}")


def _examples(table: pd.DataFrame) -> pd.DataFrame:
    """Per word × outlet: the first sentence using it (offsets) and up to ``EXAMPLES`` sentences."""
    uniq = table.drop_duplicates(["term", "outlet", "article", "start"]).sort_values(["term", "outlet", "article", "start"])
    first = uniq.drop_duplicates(["term", "outlet"]).set_index(["term", "outlet"])
    joined = uniq.groupby(["term", "outlet"])["text"].agg(
        lambda t: " | ".join(re.sub(r"\s+", " ", s).strip() for s in t.iloc[:EXAMPLES]))
    return pd.DataFrame({"example": first["text"].str.replace(r"\s+", " ", regex=True).str.strip(),
                         "example_article": first["article"], "example_start": first["start"],
                         "example_end": first["end"], "examples": joined})


# --------------------------------------------------------------------------- who, what, how written

ONLY_QUOTED_COLUMNS = [
    "speaker_id", "speaker", "group", "outlet", "quotes", "words", "quoted_by", "not_quoted_by", "only_this_outlet",
    "example", "article", "start", "end",
]


def only_quoted(quotes: pd.DataFrame, speakers: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """One row per speaker × outlet quoting them, for speakers some other outlet does not quote.

    ``only_this_outlet`` marks speakers quoted by this outlet alone; ``example`` is the longest
    quotation this outlet gives them (``article, start, end`` point at it).
    """
    outlets = outlets or _outlets(quotes)
    q = quotes[quotes["speaker_id"].notna()].assign(outlet=lambda f: f["outlet"].astype(str),
                                                    words=lambda f: f["quote"].astype(str).str.split().str.len())
    by = q.groupby("speaker_id")["outlet"].agg(lambda o: sorted(set(o)))
    partial = by[by.map(len) < len(outlets)]
    q = q[q["speaker_id"].isin(partial.index)]
    if q.empty:
        return pd.DataFrame(columns=ONLY_QUOTED_COLUMNS)
    longest = q.sort_values(["words", "article", "start"], ascending=[False, True, True]).drop_duplicates(["speaker_id", "outlet"])
    counts = q.groupby(["speaker_id", "outlet"]).agg(quotes=("quote", "size"), words=("words", "sum"))
    rows = longest.set_index(["speaker_id", "outlet"])[["speaker", "quote", "article", "start", "end"]].join(counts)
    rows = rows.reset_index().rename(columns={"quote": "example"})
    groups = speakers.set_index("speaker_id")["group"].astype(str)
    rows = rows.assign(
        group=rows["speaker_id"].map(groups).fillna("unknown"),
        quoted_by=rows["speaker_id"].map(lambda s: ", ".join(by[s])),
        not_quoted_by=rows["speaker_id"].map(lambda s: ", ".join(o for o in outlets if o not in by[s])),
        only_this_outlet=rows["speaker_id"].map(lambda s: len(by[s]) == 1),
    )
    rows = rows.sort_values(["outlet", "quotes", "words", "speaker_id"], ascending=[True, False, False, True])
    return rows.astype({"speaker": "string", "example": "string", "article": "string"})[ONLY_QUOTED_COLUMNS].reset_index(drop=True)


SINGLE_COLUMNS = [
    "story", "label", "outlet", "covered_by", "missing_from", "n_outlets", "article", "post", "start", "end", "headline",
    "n_units", "lag_basis",
]


def single_outlet_stories(timing: pd.DataFrame) -> pd.DataFrame:
    """Stories some outlet did not cover: one row per story × outlet that did (see ``coverage_timing``).

    ``n_outlets == 1``: a story only that outlet covered.
    """
    covered = timing[timing["covered"]].assign(outlet=lambda f: f["outlet"].astype(str))
    all_outlets = [str(o) for o in (timing["outlet"].cat.categories if isinstance(timing["outlet"].dtype, pd.CategoricalDtype)
                                    else sorted(timing["outlet"].astype(str).unique()))]
    by = covered.groupby("story")["outlet"].agg(lambda o: sorted(set(o)))
    partial = by[by.map(len) < len(all_outlets)]
    rows = covered[covered["story"].isin(partial.index)]
    rows = rows.assign(
        covered_by=rows["story"].map(lambda s: ", ".join(by[s])),
        missing_from=rows["story"].map(lambda s: ", ".join(o for o in all_outlets if o not in by[s])),
    )
    return rows.sort_values(["n_outlets", "story", "outlet"])[SINGLE_COLUMNS].reset_index(drop=True)


NAMING_COLUMNS = ["speaker_id", "speaker", "outlet", "forms", "n_forms", "differs", "article", "start", "end"]


def naming_differences(speaker_names: pd.DataFrame) -> pd.DataFrame:
    """Speakers named by more than one outlet: every written form each outlet uses, and whether they differ.

    ``forms`` joins an outlet's forms with `` · ``; ``differs`` is True when another outlet's set
    of forms is not the same; ``article, start, end`` point at the outlet's first use.
    """
    names = speaker_names.assign(outlet=speaker_names["outlet"].astype(str), alias=speaker_names["alias"].astype(str))
    per = names.groupby(["speaker_id", "outlet"])
    forms = per["alias"].agg(lambda a: tuple(sorted(set(a))))
    shared = forms.groupby(level="speaker_id").size()
    forms = forms[forms.index.get_level_values("speaker_id").isin(shared[shared > 1].index)]
    if forms.empty:
        return pd.DataFrame(columns=NAMING_COLUMNS)
    first = names.sort_values(["article", "start"]).drop_duplicates(["speaker_id", "outlet"]).set_index(["speaker_id", "outlet"])
    variety = forms.groupby(level="speaker_id").nunique()
    out = pd.DataFrame({"forms": forms.map(" · ".join), "n_forms": forms.map(len)})
    out = out.join(first[["speaker", "article", "start", "end"]]).reset_index()
    out["differs"] = out["speaker_id"].map(variety) > 1
    return out.astype({"speaker": "string", "forms": "string", "article": "string"})[NAMING_COLUMNS]


VARIANT_COLUMNS = ["key", "form", "outlet", "count", "dominant", "article", "start", "end", "context"]


def _variant_key(word: str) -> str:
    """Fold case, accents, doubled letters and a final ``yy``: Nato = NATO, Zelenskyy = Zelensky."""
    text = unicodedata.normalize("NFKD", word)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s$", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def spelling_variants(texts: dict[str, str], articles: pd.DataFrame) -> pd.DataFrame:
    """Capitalised words written differently across outlets (``NATO``/``Nato``, ``Zelenskyy``/``Zelensky``).

    One row per spelling × outlet, for groups of spellings (same ``key`` after folding case,
    accents and doubled letters) where outlets' usual spellings differ; ``dominant`` marks the
    outlet's most frequent spelling; ``article, start, end`` point at its first use, ``context``
    is the text around it.
    """
    outlets = articles.set_index(articles["article"].astype(str))["outlet"].astype(str)
    rows = []
    for article in sorted(texts):
        text = texts[article]
        for at, form in lettered_words(text):
            if not form[0].isupper():
                continue
            word = re.sub(r"['’]s$", "", form)
            if len(word) < 3 or word.lower() in STOPWORDS:
                continue
            rows.append((_variant_key(word), word, outlets.get(article, article), article, at, at + len(word)))
    found = pd.DataFrame(rows, columns=["key", "form", "outlet", "article", "start", "end"])
    if found.empty:
        return pd.DataFrame(columns=VARIANT_COLUMNS)
    counts = found.groupby(["key", "form", "outlet"]).size().rename("count").reset_index()
    counts = counts[counts["count"] >= MIN_VARIANT_COUNT]
    dominant = counts.sort_values(["key", "outlet", "count", "form"], ascending=[True, True, False, True]).drop_duplicates(
        ["key", "outlet"])
    usual = dominant.groupby("key")["form"].nunique()
    keys = usual[usual > 1].index
    out = counts[counts["key"].isin(keys)].merge(
        found.sort_values(["article", "start"]).drop_duplicates(["key", "form", "outlet"]), on=["key", "form", "outlet"])
    usual_forms = set(zip(dominant["key"], dominant["form"], dominant["outlet"]))
    out["dominant"] = [(k, f, o) in usual_forms for k, f, o in zip(out["key"], out["form"], out["outlet"])]
    out["context"] = [_context(texts[a], s, e) for a, s, e in zip(out["article"], out["start"], out["end"])]
    out = out.sort_values(["key", "outlet", "count", "form"], ascending=[True, True, False, True]).reset_index(drop=True)
    return out.astype({"key": "string", "form": "string", "outlet": "string", "article": "string",
                       "context": "string"})[VARIANT_COLUMNS]


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return re.sub(r"\s+", " ", f"…{left}{text[start:end]}{right}…").strip()


def _outlets(frame: pd.DataFrame) -> list[str]:
    dtype = frame["outlet"].dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return [str(o) for o in dtype.categories]
    return sorted(frame["outlet"].astype(str).unique())


def outlet_differences(quotes: pd.DataFrame, speakers: pd.DataFrame, speaker_names: pd.DataFrame,
                       timing: pd.DataFrame, texts: dict[str, str], articles: pd.DataFrame,
                       sentences: pd.DataFrame | None = None, posts: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Everything that tells the outlets apart, by name: ``only_quoted``, ``single_outlet_stories``,
    ``naming``, ``spelling`` and (when ``sentences`` is given) ``terms``."""
    outlets = [str(o) for o in (articles["outlet"].cat.categories if isinstance(articles["outlet"].dtype, pd.CategoricalDtype)
                                else sorted(articles["outlet"].astype(str).unique()))]
    out = {
        "only_quoted": only_quoted(quotes, speakers, outlets),
        "single_outlet_stories": single_outlet_stories(timing),
        "naming": naming_differences(speaker_names),
        "spelling": spelling_variants(texts, articles),
    }
    if sentences is not None:
        out["terms"] = distinguishing_terms(sentences, articles, posts=posts)
    return out
