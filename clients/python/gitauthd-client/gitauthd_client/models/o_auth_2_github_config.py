from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuth2GithubConfig")


@_attrs_define
class OAuth2GithubConfig:
    """
    Attributes:
        allow_everyone (bool | Unset):
        allow_signups (bool | Unset):
        allowed_orgs (list[str] | Unset):
        allowed_teams (list[str] | Unset):
        client_id (str | Unset):
        client_secret (str | Unset): Secret; always blanked.
        default_provider_enable (bool | Unset):
        device_flow (bool | Unset):
        enterprise_base_url (str | Unset):
    """

    allow_everyone: bool | Unset = UNSET
    allow_signups: bool | Unset = UNSET
    allowed_orgs: list[str] | Unset = UNSET
    allowed_teams: list[str] | Unset = UNSET
    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    default_provider_enable: bool | Unset = UNSET
    device_flow: bool | Unset = UNSET
    enterprise_base_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allow_everyone = self.allow_everyone

        allow_signups = self.allow_signups

        allowed_orgs: list[str] | Unset = UNSET
        if not isinstance(self.allowed_orgs, Unset):
            allowed_orgs = self.allowed_orgs

        allowed_teams: list[str] | Unset = UNSET
        if not isinstance(self.allowed_teams, Unset):
            allowed_teams = self.allowed_teams

        client_id = self.client_id

        client_secret = self.client_secret

        default_provider_enable = self.default_provider_enable

        device_flow = self.device_flow

        enterprise_base_url = self.enterprise_base_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_everyone is not UNSET:
            field_dict["allow_everyone"] = allow_everyone
        if allow_signups is not UNSET:
            field_dict["allow_signups"] = allow_signups
        if allowed_orgs is not UNSET:
            field_dict["allowed_orgs"] = allowed_orgs
        if allowed_teams is not UNSET:
            field_dict["allowed_teams"] = allowed_teams
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if default_provider_enable is not UNSET:
            field_dict["default_provider_enable"] = default_provider_enable
        if device_flow is not UNSET:
            field_dict["device_flow"] = device_flow
        if enterprise_base_url is not UNSET:
            field_dict["enterprise_base_url"] = enterprise_base_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allow_everyone = d.pop("allow_everyone", UNSET)

        allow_signups = d.pop("allow_signups", UNSET)

        allowed_orgs = cast(list[str], d.pop("allowed_orgs", UNSET))

        allowed_teams = cast(list[str], d.pop("allowed_teams", UNSET))

        client_id = d.pop("client_id", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        default_provider_enable = d.pop("default_provider_enable", UNSET)

        device_flow = d.pop("device_flow", UNSET)

        enterprise_base_url = d.pop("enterprise_base_url", UNSET)

        o_auth_2_github_config = cls(
            allow_everyone=allow_everyone,
            allow_signups=allow_signups,
            allowed_orgs=allowed_orgs,
            allowed_teams=allowed_teams,
            client_id=client_id,
            client_secret=client_secret,
            default_provider_enable=default_provider_enable,
            device_flow=device_flow,
            enterprise_base_url=enterprise_base_url,
        )

        o_auth_2_github_config.additional_properties = d
        return o_auth_2_github_config

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
