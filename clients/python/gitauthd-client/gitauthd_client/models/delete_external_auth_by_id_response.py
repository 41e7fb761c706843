from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeleteExternalAuthByIDResponse")


@_attrs_define
class DeleteExternalAuthByIDResponse:
    """
    Attributes:
        token_revoked (bool):
        token_revocation_error (str | Unset):
    """

    token_revoked: bool
    token_revocation_error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token_revoked = self.token_revoked

        token_revocation_error = self.token_revocation_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token_revoked": token_revoked,
            }
        )
        if token_revocation_error is not UNSET:
            field_dict["token_revocation_error"] = token_revocation_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token_revoked = d.pop("token_revoked")

        token_revocation_error = d.pop("token_revocation_error", UNSET)

        delete_external_auth_by_id_response = cls(
            token_revoked=token_revoked,
            token_revocation_error=token_revocation_error,
        )

        delete_external_auth_by_id_response.additional_properties = d
        return delete_external_auth_by_id_response

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
