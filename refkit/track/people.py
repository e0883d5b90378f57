"""Who a tracker row is about: ranked rows as target records, and finding tracked people.

The identity rules are :mod:`refkit.resolve`'s (:func:`~refkit.resolve.normalize_url`,
:func:`~refkit.resolve.normalize_name`, :func:`~refkit.resolve.person_key`);
this module decides only the tracker's order of lookup: key, then profile URL,
then name (told apart by the company). Its functions serve :class:`refkit.track.Tracker`
and are not part of the public API.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from refkit._errors import RefkitError, warn_row
from refkit._text import is_missing
from refkit.read import MAX_MUTUAL_COUNT, parse_mutual_count
from refkit.resolve import is_distinct_key, normalize_name, normalize_url, person_key
from refkit.track._model import FIRST_DAY, Target, text

__all__: list[str] = []  # internal to refkit.track

Pair = tuple[str, str]


# ---------------------------------------------------------------- ranked rows
def _pending_since(row: Mapping[str, Any]) -> str | None:
    """For a ranked row with an invitation still pending: the ISO day it was sent, or ``""``
    when the day is unknown; None when nothing is pending."""
    flag = row.get("pending_invitation")
    if isinstance(flag, str):
        flag = flag.strip().casefold() in {"true", "1", "yes"}
    if is_missing(flag) or not flag:
        return None
    try:
        since = pd.Timestamp(row.get("pending_since"))
    except (TypeError, ValueError, OverflowError):
        return ""
    if is_missing(since):
        return ""
    day = since.date()  # a day that cannot be real (a spreadsheet's serial number, a typo) is unknown
    return day.isoformat() if FIRST_DAY <= day <= dt.date.today() + dt.timedelta(days=1) else ""


def split_cell(value: Any) -> list[str]:
    """A tuple/list cell, or text joined by ``"; "``, as a list of non-empty strings."""
    if isinstance(value, (list, tuple)):
        items = [text(v) for v in value]
    else:
        items = [text(v) for v in (text(value) or "").split(";")]
    return [item for item in items if item]


def _count(value: Any, source: str, line: int | None) -> int | None:
    """A mutual count from a ranked row (:func:`refkit.read.parse_mutual_count`); a bad one is a warning."""
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    count = parse_mutual_count(value)
    if count is None:
        warn_row(source, line, f"mutual_count {value!r} is not a whole number from 0 to "
                               f"{MAX_MUTUAL_COUNT:,}; count left unknown, row kept")  # fmt: skip
    return count


def line_of(value: Any, default: int) -> int:
    """A row's ``line`` (from :func:`refkit.read.read_ranked`), else its position."""
    try:
        return default if is_missing(value) else int(value)
    except (TypeError, ValueError):
        return default


def alternate_pairs(names: list[str], keys: list[str]) -> list[Pair]:
    """Alternates as ``(key, name)`` pairs from parallel names and keys (a missing key from the name)."""
    pairs = []
    for index in range(max(len(names), len(keys))):
        alt_key = keys[index] if index < len(keys) else None
        alt_name = names[index] if index < len(names) else None
        alt_key = alt_key or person_key(name=alt_name)
        if alt_key:
            pairs.append((alt_key, alt_name or alt_key))
    return pairs


def record(row: Mapping[str, Any], source: str = "ranked list", line: int | None = None) -> dict[str, Any] | None:
    """A ranked row as a target record (with ``pending_since``), or None without key, URL or name."""
    name, url = text(row.get("name")), text(row.get("profile_url"))
    key = text(row.get("key")) or person_key(url, name)
    if key is None:
        return None
    introducer = text(row.get("introducer"))
    introducer_key = text(row.get("introducer_key")) or (person_key(name=introducer) if introducer else None)
    return {
        "key": key,
        "name": name,
        "profile_url": url,
        "company": text(row.get("company")),
        "position": text(row.get("position")),
        "mutual_count": _count(row.get("mutual_count"), source, line),
        "introducer_key": introducer_key,
        "introducer": introducer,
        "alternates": alternate_pairs(split_cell(row.get("alternates")), split_cell(row.get("alternate_keys"))),
        "pending_since": _pending_since(row),
    }


def candidates(target: Mapping[str, Any]) -> list[Pair]:
    """Introducers of a target, best first, as ``(key, name)`` without duplicates."""
    pairs = []
    if target["introducer_key"] or target["introducer"]:
        pairs.append((target["introducer_key"] or person_key(name=target["introducer"]), target["introducer"]))
    pairs.extend(target["alternates"])
    seen: set[str] = set()
    result = []
    for key, name in pairs:
        if key and key not in seen:
            seen.add(key)
            result.append((key, name or key))
    return result


def merged(target: Mapping[str, Any], rec: Mapping[str, Any], day: str) -> Target:
    """A known target refreshed from a ranked row: what the row lacks is kept."""
    result = dict(target)
    for column in ("name", "profile_url", "company", "position", "mutual_count"):
        if rec[column] is not None:
            result[column] = rec[column]
    known = candidates(target)  # the known introducer (if any) first, then the alternates
    if rec["introducer_key"]:
        lead: Pair | None = (rec["introducer_key"], rec["introducer"] or rec["introducer_key"])
    elif known and (target["introducer_key"] or target["introducer"]):
        lead, known = known[0], known[1:]
    else:
        lead = None
    seen = {lead[0]} if lead else set()
    alternates = []
    for key, name in [*rec["alternates"], *known]:
        if key not in seen:
            seen.add(key)
            alternates.append((key, name))
    result["introducer_key"], result["introducer"] = lead if lead else (None, None)
    result["alternates"] = alternates
    result["first_seen"] = min(target["first_seen"] or day, day)
    result["last_seen"] = max(target["last_seen"] or day, day)
    return result


# ---------------------------------------------------------------- finding people
def url_of(person: Mapping[str, Any]) -> str | None:
    """The normalised profile URL of a target or ranked row (its key when that is one)."""
    return normalize_url(person["profile_url"]) or normalize_url(person["key"]) or None


def describe(target: Mapping[str, Any]) -> str:
    """A target for a message: name (company, profile URL or key)."""
    extra = ", ".join(v for v in (target["company"], target["profile_url"] or target["key"]) if v)
    return f"{target['name']} ({extra})"


class People:
    """Tracked people by key, profile URL and name, kept current while one ranked list is added."""

    def __init__(self, targets: dict[str, Target], records: list[dict[str, Any]]) -> None:
        self.targets = targets
        self.by_url: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        for target in targets.values():
            self.put(target)
        urls: dict[str, set[str]] = {}
        for rec in records:
            url = url_of(rec)
            if url:
                urls.setdefault(normalize_name(rec["name"]), set()).add(url)
        self.crowded = {name for name, found in urls.items() if name and len(found) > 1}

    def put(self, target: Target) -> None:
        """Add a new or refreshed target."""
        key = target["key"]
        self.targets[key] = target
        for form in (normalize_url(key), normalize_url(target["profile_url"])):
            if form and (form not in self.by_url or key < self.by_url[form]):
                self.by_url[form] = key
        keys = self.by_name.setdefault(normalize_name(target["name"]), [])
        if key not in keys:
            keys.append(key)

    def match(self, rec: Mapping[str, Any], source: str, line: int) -> str | None:
        """The key of the tracked person a ranked row is about: by key, else URL, else name."""
        targets = self.targets
        if rec["key"] in targets:
            return rec["key"]
        url = url_of(rec)
        if url and url in self.by_url:
            return self.by_url[url]
        norm = normalize_name(rec["name"])
        if not norm:
            return None
        # the row's URL matched nobody above: a same-name person with another URL is someone else,
        # and so is one with another namesake key (the build told them apart by the day connected)
        namesake = _is_namesake_key(rec["key"])
        hits = [
            targets[key] for key in self.by_name.get(norm, ())
            if normalize_name(targets[key]["name"]) == norm and not (url and url_of(targets[key]))
            and not (namesake and _is_namesake_key(key))
        ]  # fmt: skip
        crowded = url is not None and norm in self.crowded  # this list has several people of this name
        if len(hits) == 1 and not crowded:
            return hits[0]["key"]
        if hits:
            company = normalize_name(rec["company"])
            same = [t for t in hits if company and normalize_name(t["company"]) == company]
            if len(same) == 1:
                return same[0]["key"]
            listed = "; ".join(describe(t) for t in sorted(hits, key=lambda t: t["key"]))
            if len(hits) > 1:
                why = f"matches {len(hits)} tracked people ({listed})"
            else:
                why = f"this list has several people of this name, and the company does not tell which one is {listed}"
            warn_row(source, line, f"{rec['name']!r} {why}; tracked separately: give a profile URL to tell them apart")
        return None


def _is_namesake_key(key: str) -> bool:
    """A key :func:`refkit.resolve.namesake_key` made (one of several URL-less people of a name)."""
    return key.startswith("name:") and is_distinct_key(key)


def find(person: str, targets: Mapping[str, Target], path: Path) -> Target:
    """The tracked target a user means by key, profile URL or name; ``path`` names the database in errors."""
    given = text(person)
    if given is None:
        raise RefkitError(f"{path}: expected a person's name, profile URL or key, got {person!r}")
    if not targets:
        raise RefkitError(f"{path}: no targets tracked yet; add a ranked list first")
    if given in targets:
        return targets[given]
    form = normalize_url(given)
    if form:
        hits = [t for t in targets.values() if form in (t["key"], normalize_url(t["profile_url"]))]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise RefkitError(f"{path}: nobody tracked with profile URL {given}")
    norm = normalize_name(given)
    hits = [t for t in targets.values() if normalize_name(t["name"]) == norm] if norm else []
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        listed = "; ".join(describe(t) for t in sorted(hits, key=lambda t: t["key"]))
        raise RefkitError(f"{path}: {given!r} matches {len(hits)} people: {listed}; give the profile URL or key instead")
    names = {normalize_name(t["name"]): t for t in targets.values()}
    close = difflib.get_close_matches(norm, list(names), n=5, cutoff=0.6)
    close += [n for n in names if norm and norm in n and n not in close]
    hint = "; close matches: " + "; ".join(names[n]["name"] for n in close[:5]) if close else ""
    raise RefkitError(f"{path}: nobody tracked named {given!r}{hint}")


def match_introducer(target: Mapping[str, Any], introducer: str) -> Pair:
    """The candidate introducer of a target the user names (key, URL or name), else a new one."""
    form, norm = normalize_url(introducer), normalize_name(introducer)
    for key, name in candidates(target):
        # alternates' names come from the database as stored: cleaned like every other value first
        if introducer == key or (form and form == key) or (norm and norm == normalize_name(text(name))):
            return key, name
    return (form or person_key(name=introducer) or introducer), introducer
