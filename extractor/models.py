"""Validated models of every fact kind, of the meta line and of a gold file.

The field sets follow ../shared/ANNOTATION.md exactly; attributes that do not
apply to a kind are not fields of that kind's model, so a stray one is an error
(``extra="forbid"``).  Provenance (``doc``, ``rule_id``, ``sentence`` …) is
optional so that the same models validate both gold files and extractor output.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from . import indicators as _indicators

Comparator = Literal["=", ">", ">=", "<", "<=", "~"]
Change = Literal["increase", "decrease"]
AreaLevel = Literal["tỉnh", "thành phố", "quận", "huyện", "thị xã", "xã", "phường", "thị trấn"]

NUMERIC_KINDS = ("quantity", "percent", "ratio", "money")
SPAN_KINDS = NUMERIC_KINDS + ("date", "period")
ENTITY_KINDS = ("person", "document", "area")
ALL_KINDS = SPAN_KINDS + ENTITY_KINDS


class _Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    ignore: bool | None = None
    # provenance, present in extractor output
    doc: str | None = None
    rule_id: str | None = None
    sentence: str | None = None
    sentence_start: int | None = None

    @model_validator(mode="after")
    def _span(self):
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be greater than start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("len(text) must equal end - start")
        return self


def _finite(v):
    if v is not None and not math.isfinite(v):
        raise ValueError("number must be finite")
    return v


class _Numeric(_Fact):
    measure: str | None = None
    indicator: str | None = None
    area: str | None = None
    # where ``area`` sits, for roll-ups: its level, its official code, and its
    # province's name and code (output fields beyond the contract; null when unknown)
    area_level: AreaLevel | None = None
    area_code: str | None = None
    province: str | None = None
    province_code: str | None = None
    period: str | None = None
    comparator: Comparator | None = None
    change: Change | None = None
    target: bool | None = None

    @field_validator("indicator")
    @classmethod
    def _known_indicator(cls, v):
        if v is not None and v not in _indicators.known_keys():
            raise ValueError(f"unknown indicator key {v!r}")
        return v

    @field_validator("period")
    @classmethod
    def _period_form(cls, v):
        if v is None:
            return v
        from .dates import PERIOD_VALUE_RE

        if "/" in v:
            a, _, b = v.partition("/")
            if not (a or b) or not all(not x or PERIOD_VALUE_RE.fullmatch(x) for x in (a, b)):
                raise ValueError(f"period {v!r} is not START/END")
        elif not PERIOD_VALUE_RE.fullmatch(v):
            raise ValueError(f"period {v!r} is not START/END or a day")
        return v


class Quantity(_Numeric):
    kind: Literal["quantity"]
    value: float
    unit: str | None = None
    _v = field_validator("value")(_finite)


class Percent(_Numeric):
    kind: Literal["percent"]
    value: float
    _v = field_validator("value")(_finite)


class Ratio(_Numeric):
    kind: Literal["ratio"]
    numerator: float
    denominator: float
    unit: str | None = None
    _v = field_validator("numerator", "denominator")(_finite)


class Money(_Numeric):
    kind: Literal["money"]
    value: float
    # an ISO 4217 code; the codes the extractor writes are the values of CURRENCIES in rules/numbers.yaml
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    _v = field_validator("value")(_finite)


class Date(_Fact):
    kind: Literal["date"]
    value: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$")


class Period(_Fact):
    kind: Literal["period"]
    value_start: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    value_end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")


class Person(_Fact):
    kind: Literal["person"]
    name: str
    titles: list[str] = []


class Document(_Fact):
    kind: Literal["document"]
    ref: str
    doc_type: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$")


class Area(_Fact):
    kind: Literal["area"]
    name: str
    level: AreaLevel
    code: str | None = None


Fact = Annotated[
    Quantity | Percent | Ratio | Money | Date | Period | Person | Document | Area,
    Field(discriminator="kind"),
]
FactAdapter: TypeAdapter = TypeAdapter(Fact)

_MODEL_OF_KIND: dict[str, type[_Fact]] = {
    "quantity": Quantity, "percent": Percent, "ratio": Ratio, "money": Money, "date": Date, "period": Period,
    "person": Person, "document": Document, "area": Area,
}
# provenance the pipeline sets itself at the end (sentence, doc), not from a draft
_SET_AT_END = ("doc", "sentence", "sentence_start")


def contract_fields(kind: str) -> tuple[str, ...]:
    """The fields of ``kind``'s model that a pipeline ``Draft`` carries
    (``kind`` itself included); an unknown kind has just ``kind``, so that the
    model's validation names the error."""
    model = _MODEL_OF_KIND.get(kind)
    if model is None:
        return ("kind", "start", "end", "text")
    return tuple(k for k in model.model_fields if k not in _SET_AT_END)


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$")
    author: str | None = None
    source: str | None = None


class MetaLine(Meta):
    """The per-document ``{"kind": "meta", …}`` line of ``extract --format jsonl``."""

    doc: str
    kind: Literal["meta"]
    url: str | None = None


class GoldFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    meta: Meta
    facts: list[Fact]


def fact_to_dict(fact: BaseModel) -> dict:
    """The contract's JSON form: fields that are unset provenance are dropped."""
    d = fact.model_dump()
    for k in ("ignore", "doc", "rule_id", "sentence", "sentence_start", "code", "area_level", "area_code", "province",
              "province_code"):
        if d.get(k) is None:
            d.pop(k, None)
    return d
