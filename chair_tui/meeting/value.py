"""A light base for the core's small record classes (in place of ``dataclasses``).

``import dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis``, ``tokenize``), and
every ``@dataclass`` ``exec``s its generated methods when its module is imported: together a
large share of a CLI command's start-up (see ``docs/performance.md``).  A :class:`Value`
subclass lists its fields in ``_fields`` (the order of ``repr`` and of comparisons) and its
``__slots__``, and writes a plain ``__init__``; equality, hashing and ``repr`` come from here,
as a dataclass's would.  ``dataclasses.replace``, ``fields`` and ``asdict`` work on them too:
the fields they ask for are made (importing ``dataclasses``) the first time one is called.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any, ClassVar


def _dataclass_fields(cls: type) -> dict[str, Any]:
    """The ``__dataclass_fields__`` of a :class:`Value` class, made on first use."""
    made: dict[str, Any] | None = cls.__dict__.get("_made_fields")
    if made is None:
        import dataclasses

        fields: tuple[str, ...] = getattr(cls, "_fields", ())
        shadow = dataclasses.make_dataclass(cls.__name__, list(fields))
        made = {f.name: f for f in dataclasses.fields(shadow)}
        type.__setattr__(cls, "_made_fields", made)
    return made


class _ValueType(type):
    """The metaclass of :class:`Value`: ``dataclasses`` asks the class for its fields."""

    @property
    def __dataclass_fields__(cls) -> dict[str, Any]:
        return _dataclass_fields(cls)


class Value(metaclass=_ValueType):
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    @property
    def __dataclass_fields__(self) -> dict[str, Any]:  # dataclasses asks instances too
        return _dataclass_fields(type(self))

    def _values(self) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Value)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({inner})"
