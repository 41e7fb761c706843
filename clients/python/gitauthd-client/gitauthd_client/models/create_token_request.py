from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_token_request_scope import CreateTokenRequestScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateTokenRequest")


@_attrs_define
class CreateTokenRequest:
    """
    Attributes:
        lifetime (int | Unset): Lifetime in nanoseconds; 0 means the default token lifetime. More than
            `session_lifetime.max_token_lifetime` (a deployment option) is refused with 400.
        scope (CreateTokenRequestScope | Unset): Empty means `all`.
        token_name (str | Unset): Letters, digits, hyphens and underscores, unique per user; empty means a generated
            name.
    """

    lifetime: int | Unset = UNSET
    scope: CreateTokenRequestScope | Unset = UNSET
    token_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        lifetime = self.lifetime

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        token_name = self.token_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if lifetime is not UNSET:
            field_dict["lifetime"] = lifetime
        if scope is not UNSET:
            field_dict["scope"] = scope
        if token_name is not UNSET:
            field_dict["token_name"] = token_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        lifetime = d.pop("lifetime", UNSET)

        _scope = d.pop("scope", UNSET)
        scope: CreateTokenRequestScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = CreateTokenRequestScope(_scope)

        token_name = d.pop("token_name", UNSET)

        create_token_request = cls(
            lifetime=lifetime,
            scope=scope,
            token_name=token_name,
        )

        create_token_request.additional_properties = d
        return create_token_request

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
