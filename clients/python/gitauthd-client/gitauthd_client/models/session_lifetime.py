from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionLifetime")


@_attrs_define
class SessionLifetime:
    """
    Attributes:
        default_duration (int | Unset): Lifetime of a login session, in nanoseconds.
        default_token_lifetime (int | Unset): Lifetime of an API token created without one, in nanoseconds.
        disable_expiry_refresh (bool | Unset): Whether using a session no longer extends it.
        max_token_lifetime (int | Unset): Longest API token lifetime, in nanoseconds.
    """

    default_duration: int | Unset = UNSET
    default_token_lifetime: int | Unset = UNSET
    disable_expiry_refresh: bool | Unset = UNSET
    max_token_lifetime: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_duration = self.default_duration

        default_token_lifetime = self.default_token_lifetime

        disable_expiry_refresh = self.disable_expiry_refresh

        max_token_lifetime = self.max_token_lifetime

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default_duration is not UNSET:
            field_dict["default_duration"] = default_duration
        if default_token_lifetime is not UNSET:
            field_dict["default_token_lifetime"] = default_token_lifetime
        if disable_expiry_refresh is not UNSET:
            field_dict["disable_expiry_refresh"] = disable_expiry_refresh
        if max_token_lifetime is not UNSET:
            field_dict["max_token_lifetime"] = max_token_lifetime

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        default_duration = d.pop("default_duration", UNSET)

        default_token_lifetime = d.pop("default_token_lifetime", UNSET)

        disable_expiry_refresh = d.pop("disable_expiry_refresh", UNSET)

        max_token_lifetime = d.pop("max_token_lifetime", UNSET)

        session_lifetime = cls(
            default_duration=default_duration,
            default_token_lifetime=default_token_lifetime,
            disable_expiry_refresh=disable_expiry_refresh,
            max_token_lifetime=max_token_lifetime,
        )

        session_lifetime.additional_properties = d
        return session_lifetime

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
