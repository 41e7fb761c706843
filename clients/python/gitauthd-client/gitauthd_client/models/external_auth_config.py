from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExternalAuthConfig")


@_attrs_define
class ExternalAuthConfig:
    """An external auth provider as configured; the client secret is never shown.

    Attributes:
        app_install_url (str | Unset):
        app_installations_url (str | Unset):
        auth_url (str | Unset):
        client_id (str | Unset):
        device_code_url (str | Unset):
        device_flow (bool | Unset):
        display_icon (str | Unset):
        display_name (str | Unset):
        id (str | Unset): Unique provider ID; defaults to the type.
        no_refresh (bool | Unset):
        regex (str | Unset): Regular expression matched against repository URLs.
        scopes (list[str] | Unset):
        token_url (str | Unset):
        type_ (str | Unset): Provider type, e.g. github, gitlab, bitbucket-cloud, azure-devops, gitea.
        validate_url (str | Unset):
    """

    app_install_url: str | Unset = UNSET
    app_installations_url: str | Unset = UNSET
    auth_url: str | Unset = UNSET
    client_id: str | Unset = UNSET
    device_code_url: str | Unset = UNSET
    device_flow: bool | Unset = UNSET
    display_icon: str | Unset = UNSET
    display_name: str | Unset = UNSET
    id: str | Unset = UNSET
    no_refresh: bool | Unset = UNSET
    regex: str | Unset = UNSET
    scopes: list[str] | Unset = UNSET
    token_url: str | Unset = UNSET
    type_: str | Unset = UNSET
    validate_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        app_install_url = self.app_install_url

        app_installations_url = self.app_installations_url

        auth_url = self.auth_url

        client_id = self.client_id

        device_code_url = self.device_code_url

        device_flow = self.device_flow

        display_icon = self.display_icon

        display_name = self.display_name

        id = self.id

        no_refresh = self.no_refresh

        regex = self.regex

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes

        token_url = self.token_url

        type_ = self.type_

        validate_url = self.validate_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if app_install_url is not UNSET:
            field_dict["app_install_url"] = app_install_url
        if app_installations_url is not UNSET:
            field_dict["app_installations_url"] = app_installations_url
        if auth_url is not UNSET:
            field_dict["auth_url"] = auth_url
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if device_code_url is not UNSET:
            field_dict["device_code_url"] = device_code_url
        if device_flow is not UNSET:
            field_dict["device_flow"] = device_flow
        if display_icon is not UNSET:
            field_dict["display_icon"] = display_icon
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if id is not UNSET:
            field_dict["id"] = id
        if no_refresh is not UNSET:
            field_dict["no_refresh"] = no_refresh
        if regex is not UNSET:
            field_dict["regex"] = regex
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if token_url is not UNSET:
            field_dict["token_url"] = token_url
        if type_ is not UNSET:
            field_dict["type"] = type_
        if validate_url is not UNSET:
            field_dict["validate_url"] = validate_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        app_install_url = d.pop("app_install_url", UNSET)

        app_installations_url = d.pop("app_installations_url", UNSET)

        auth_url = d.pop("auth_url", UNSET)

        client_id = d.pop("client_id", UNSET)

        device_code_url = d.pop("device_code_url", UNSET)

        device_flow = d.pop("device_flow", UNSET)

        display_icon = d.pop("display_icon", UNSET)

        display_name = d.pop("display_name", UNSET)

        id = d.pop("id", UNSET)

        no_refresh = d.pop("no_refresh", UNSET)

        regex = d.pop("regex", UNSET)

        scopes = cast(list[str], d.pop("scopes", UNSET))

        token_url = d.pop("token_url", UNSET)

        type_ = d.pop("type", UNSET)

        validate_url = d.pop("validate_url", UNSET)

        external_auth_config = cls(
            app_install_url=app_install_url,
            app_installations_url=app_installations_url,
            auth_url=auth_url,
            client_id=client_id,
            device_code_url=device_code_url,
            device_flow=device_flow,
            display_icon=display_icon,
            display_name=display_name,
            id=id,
            no_refresh=no_refresh,
            regex=regex,
            scopes=scopes,
            token_url=token_url,
            type_=type_,
            validate_url=validate_url,
        )

        external_auth_config.additional_properties = d
        return external_auth_config

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
