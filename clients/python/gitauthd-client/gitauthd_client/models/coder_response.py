from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.validation_error import ValidationError


T = TypeVar("T", bound="CoderResponse")


@_attrs_define
class CoderResponse:
    """Coder's response body for messages and errors.

    Attributes:
        message (str): A short sentence for a person.
        detail (str | Unset): The underlying cause, for debugging.
        validations (list[ValidationError] | Unset): One entry per invalid field.
    """

    message: str
    detail: str | Unset = UNSET
    validations: list[ValidationError] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        detail = self.detail

        validations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.validations, Unset):
            validations = []
            for validations_item_data in self.validations:
                validations_item = validations_item_data.to_dict()
                validations.append(validations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if validations is not UNSET:
            field_dict["validations"] = validations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.validation_error import ValidationError  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        detail = d.pop("detail", UNSET)

        _validations = d.pop("validations", UNSET)
        validations: list[ValidationError] | Unset = UNSET
        if _validations is not UNSET:
            validations = []
            for validations_item_data in _validations:
                validations_item = ValidationError.from_dict(validations_item_data)

                validations.append(validations_item)

        coder_response = cls(
            message=message,
            detail=detail,
            validations=validations,
        )

        coder_response.additional_properties = d
        return coder_response

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
