from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatePersonalAuthorizationRequest")


@_attrs_define
class CreatePersonalAuthorizationRequest:
    """
    Attributes:
        name (str): 1–64 characters, none of which would need escaping in a URL path segment: no `/ \\ ? # %`,
            white space or control characters (Huawei's SDK puts the name in the DELETE path unescaped).
        token (str): The personal access token; it travels in an HTTP header, so it has no white space or control
            characters.
        host (str | Unset): Base URL of a self-hosted instance.
    """

    name: str
    token: str
    host: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        token = self.token

        host = self.host

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "token": token,
            }
        )
        if host is not UNSET:
            field_dict["host"] = host

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        token = d.pop("token")

        host = d.pop("host", UNSET)

        create_personal_authorization_request = cls(
            name=name,
            token=token,
            host=host,
        )

        create_personal_authorization_request.additional_properties = d
        return create_personal_authorization_request

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
