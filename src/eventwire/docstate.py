"""Per-document state in one place: what one stage leaves on an AnnotatedDoc for another.

Modelled on spaCy's ``Doc`` extensions and its components' ``requires``/``assigns``:

- the stage that writes a value declares its :class:`Key` once, at module level::

      COMPLEMENTS = docstate.declare("when.complements", owner="when.annotate", doc="...")

- the value lives on the document (``adoc.put(KEY, value)``, ``adoc.get(KEY)``), never in a
  module-level cache and never in ``Doc.user_data`` (which spaCy serialises);
- reading a key no stage has assigned yet raises :class:`StateError` naming the stage that
  should have run;
- a *cache* key holds a value computed on first use by whoever asks (``adoc.cached(KEY, make)``):
  the parse's sentences, the when-index; no stage has to run first;
- a key with ``attr`` names a field of AnnotatedDoc (``times``, ``places``): the owner writes the
  field, the key only says who does, for :func:`check_order`;
- :class:`Stage` declares what a pipeline stage requires and assigns; :func:`check_order`
  refuses a stage list in which a stage requires a key that only a later stage assigns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["Key", "OrderError", "Stage", "StateError", "cached", "check_order", "declare", "declared",
           "drop", "get", "has", "put"]


class StateError(LookupError):
    """A stage read a per-document value that no stage has assigned yet."""


class OrderError(ValueError):
    """A stage list in which a stage requires what only a later stage (or none) assigns."""


@dataclass(frozen=True)
class Key:
    """One named per-document value, declared by the stage that writes it."""

    name: str  # "when.complements": the owning package first
    owner: str  # the stage (or module, for a cache) that assigns it: "when.annotate"
    doc: str  # what the value is, for whoever reads it
    cache: bool = False  # computed on first use by any reader (adoc.cached), not assigned by a stage
    attr: str | None = None  # the AnnotatedDoc field that holds it ("times"), if any
    built_on: tuple[str, ...] = ()  # a cache: the keys it is computed from (assigning one drops it)

    def __str__(self) -> str:
        return self.name


_DECLARED: dict[str, Key] = {}
_DEPENDENT: dict[str, list[str]] = {}  # key name -> the caches built on it


def declare(name: str, owner: str, doc: str, *, cache: bool = False, attr: str | None = None,
            built_on: Iterable[Key] = ()) -> Key:
    """Declare the key ``name``, written by ``owner``. Declaring it again with the same owner (a
    module imported twice) returns the same key; another owner is an error: one writer per key.
    ``built_on``: for a cache, the keys it is computed from; assigning one of them drops it."""
    key = Key(name, owner, doc, cache, attr, tuple(k.name for k in built_on))
    old = _DECLARED.get(name)
    if old is not None:
        if old.owner != owner:
            raise ValueError(f"state key {name!r} is already declared by {old.owner}, not {owner}")
        return old
    _DECLARED[name] = key
    for base in key.built_on:
        _DEPENDENT.setdefault(base, []).append(name)
    return key


def declared() -> dict[str, Key]:
    """Every key declared so far, by name."""
    return dict(_DECLARED)


# the functions below work on any mapping of key names to values: AnnotatedDoc.state


def put(state: MutableMapping[str, Any], key: Key, value: Any) -> None:
    """Assign ``key``, dropping the caches built on its old value."""
    state[key.name] = value
    for name in _DEPENDENT.get(key.name, ()):
        state.pop(name, None)


def has(state: MutableMapping[str, Any], key: Key) -> bool:
    """Has ``key`` been assigned?"""
    return key.name in state


def get(state: MutableMapping[str, Any], key: Key) -> Any:
    """The value of ``key``; :class:`StateError` when it has not been assigned yet."""
    try:
        return state[key.name]
    except KeyError:
        what = "computed" if key.cache else "assigned"
        raise StateError(f"per-document state {key.name!r} read before {key.owner} {what} it "
                         f"({key.doc})") from None


def drop(state: MutableMapping[str, Any], key: Key) -> None:
    """Forget ``key`` (a stage that runs again drops the caches built on its old output)."""
    state.pop(key.name, None)


def cached(state: MutableMapping[str, Any], key: Key, make: Callable[[], T]) -> T:
    """The value of the cache key ``key``, made with ``make()`` on first use."""
    if key.name in state:
        return state[key.name]
    value = state[key.name] = make()
    return value


@dataclass(frozen=True)
class Stage:
    """A pipeline stage: its name and the keys it reads and writes."""

    name: str
    requires: tuple[Key, ...] = ()
    assigns: tuple[Key, ...] = ()


def check_order(stages: Iterable[Stage]) -> None:
    """Raise :class:`OrderError` if a stage requires a key that no earlier stage assigns (because
    only a later stage does, or none at all)."""
    stages = tuple(stages)
    done: set[str] = set()
    for i, st in enumerate(stages):
        for key in st.requires:
            if key.name in done or key.cache:
                continue
            later = [s.name for s in stages[i:] if key in s.assigns]
            if later and later[0] == st.name:
                raise OrderError(f"stage {st.name} requires {key.name}, which only it assigns itself")
            if later:
                raise OrderError(f"stage {st.name} requires {key.name}, which only {later[0]} assigns, "
                                 f"and {later[0]} runs after it")
            raise OrderError(f"stage {st.name} requires {key.name}, which no stage assigns "
                             f"(declared by {key.owner})")
        done.update(k.name for k in st.assigns)
