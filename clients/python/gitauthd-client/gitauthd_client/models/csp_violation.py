from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.csp_violation_csp_report import CSPViolationCspReport


T = TypeVar("T", bound="CSPViolation")


@_attrs_define
class CSPViolation:
    """A Content-Security-Policy violation report as sent by browsers.

    Attributes:
        csp_report (CSPViolationCspReport | Unset): The report; free-form.
    """

    csp_report: CSPViolationCspReport | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        csp_report: dict[str, Any] | Unset = UNSET
        if not isinstance(self.csp_report, Unset):
            csp_report = self.csp_report.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if csp_report is not UNSET:
            field_dict["csp-report"] = csp_report

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csp_violation_csp_report import CSPViolationCspReport  # noqa: PLC0415

        d = dict(src_dict)
        _csp_report = d.pop("csp-report", UNSET)
        csp_report: CSPViolationCspReport | Unset
        if isinstance(_csp_report, Unset):
            csp_report = UNSET
        else:
            csp_report = CSPViolationCspReport.from_dict(_csp_report)

        csp_violation = cls(
            csp_report=csp_report,
        )

        csp_violation.additional_properties = d
        return csp_violation

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
