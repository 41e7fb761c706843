from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.oidc_config_auth_url_params import OIDCConfigAuthUrlParams
    from ..models.oidc_config_group_mapping import OIDCConfigGroupMapping
    from ..models.oidc_config_group_regex_filter import OIDCConfigGroupRegexFilter
    from ..models.oidc_config_organization_mapping import OIDCConfigOrganizationMapping
    from ..models.oidc_config_user_role_mapping import OIDCConfigUserRoleMapping
    from ..models.serpent_url import SerpentURL


T = TypeVar("T", bound="OIDCConfig")


@_attrs_define
class OIDCConfig:
    """
    Attributes:
        allow_signups (bool | Unset):
        auth_url_params (OIDCConfigAuthUrlParams | Unset):
        client_cert_file (str | Unset):
        client_id (str | Unset):
        client_key_file (str | Unset):
        client_secret (str | Unset): Secret; always blanked.
        email_domain (list[str] | Unset):
        email_field (str | Unset):
        group_allow_list (list[str] | Unset):
        group_auto_create (bool | Unset):
        group_mapping (OIDCConfigGroupMapping | Unset):
        group_regex_filter (OIDCConfigGroupRegexFilter | Unset):
        groups_field (str | Unset):
        icon_url (SerpentURL | Unset): A URL as its parts (Go's `net/url.URL`).
        ignore_email_verified (bool | Unset):
        ignore_user_info (bool | Unset):
        issuer_url (str | Unset):
        name_field (str | Unset):
        organization_assign_default (bool | Unset):
        organization_field (str | Unset):
        organization_mapping (OIDCConfigOrganizationMapping | Unset):
        scopes (list[str] | Unset):
        sign_in_text (str | Unset):
        signups_disabled_text (str | Unset):
        skip_issuer_checks (bool | Unset):
        source_user_info_from_access_token (bool | Unset):
        user_role_field (str | Unset):
        user_role_mapping (OIDCConfigUserRoleMapping | Unset):
        user_roles_default (list[str] | Unset):
        username_field (str | Unset):
    """

    allow_signups: bool | Unset = UNSET
    auth_url_params: OIDCConfigAuthUrlParams | Unset = UNSET
    client_cert_file: str | Unset = UNSET
    client_id: str | Unset = UNSET
    client_key_file: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    email_domain: list[str] | Unset = UNSET
    email_field: str | Unset = UNSET
    group_allow_list: list[str] | Unset = UNSET
    group_auto_create: bool | Unset = UNSET
    group_mapping: OIDCConfigGroupMapping | Unset = UNSET
    group_regex_filter: OIDCConfigGroupRegexFilter | Unset = UNSET
    groups_field: str | Unset = UNSET
    icon_url: SerpentURL | Unset = UNSET
    ignore_email_verified: bool | Unset = UNSET
    ignore_user_info: bool | Unset = UNSET
    issuer_url: str | Unset = UNSET
    name_field: str | Unset = UNSET
    organization_assign_default: bool | Unset = UNSET
    organization_field: str | Unset = UNSET
    organization_mapping: OIDCConfigOrganizationMapping | Unset = UNSET
    scopes: list[str] | Unset = UNSET
    sign_in_text: str | Unset = UNSET
    signups_disabled_text: str | Unset = UNSET
    skip_issuer_checks: bool | Unset = UNSET
    source_user_info_from_access_token: bool | Unset = UNSET
    user_role_field: str | Unset = UNSET
    user_role_mapping: OIDCConfigUserRoleMapping | Unset = UNSET
    user_roles_default: list[str] | Unset = UNSET
    username_field: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allow_signups = self.allow_signups

        auth_url_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.auth_url_params, Unset):
            auth_url_params = self.auth_url_params.to_dict()

        client_cert_file = self.client_cert_file

        client_id = self.client_id

        client_key_file = self.client_key_file

        client_secret = self.client_secret

        email_domain: list[str] | Unset = UNSET
        if not isinstance(self.email_domain, Unset):
            email_domain = self.email_domain

        email_field = self.email_field

        group_allow_list: list[str] | Unset = UNSET
        if not isinstance(self.group_allow_list, Unset):
            group_allow_list = self.group_allow_list

        group_auto_create = self.group_auto_create

        group_mapping: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group_mapping, Unset):
            group_mapping = self.group_mapping.to_dict()

        group_regex_filter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group_regex_filter, Unset):
            group_regex_filter = self.group_regex_filter.to_dict()

        groups_field = self.groups_field

        icon_url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.icon_url, Unset):
            icon_url = self.icon_url.to_dict()

        ignore_email_verified = self.ignore_email_verified

        ignore_user_info = self.ignore_user_info

        issuer_url = self.issuer_url

        name_field = self.name_field

        organization_assign_default = self.organization_assign_default

        organization_field = self.organization_field

        organization_mapping: dict[str, Any] | Unset = UNSET
        if not isinstance(self.organization_mapping, Unset):
            organization_mapping = self.organization_mapping.to_dict()

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes

        sign_in_text = self.sign_in_text

        signups_disabled_text = self.signups_disabled_text

        skip_issuer_checks = self.skip_issuer_checks

        source_user_info_from_access_token = self.source_user_info_from_access_token

        user_role_field = self.user_role_field

        user_role_mapping: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user_role_mapping, Unset):
            user_role_mapping = self.user_role_mapping.to_dict()

        user_roles_default: list[str] | Unset = UNSET
        if not isinstance(self.user_roles_default, Unset):
            user_roles_default = self.user_roles_default

        username_field = self.username_field

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_signups is not UNSET:
            field_dict["allow_signups"] = allow_signups
        if auth_url_params is not UNSET:
            field_dict["auth_url_params"] = auth_url_params
        if client_cert_file is not UNSET:
            field_dict["client_cert_file"] = client_cert_file
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_key_file is not UNSET:
            field_dict["client_key_file"] = client_key_file
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if email_domain is not UNSET:
            field_dict["email_domain"] = email_domain
        if email_field is not UNSET:
            field_dict["email_field"] = email_field
        if group_allow_list is not UNSET:
            field_dict["group_allow_list"] = group_allow_list
        if group_auto_create is not UNSET:
            field_dict["group_auto_create"] = group_auto_create
        if group_mapping is not UNSET:
            field_dict["group_mapping"] = group_mapping
        if group_regex_filter is not UNSET:
            field_dict["group_regex_filter"] = group_regex_filter
        if groups_field is not UNSET:
            field_dict["groups_field"] = groups_field
        if icon_url is not UNSET:
            field_dict["icon_url"] = icon_url
        if ignore_email_verified is not UNSET:
            field_dict["ignore_email_verified"] = ignore_email_verified
        if ignore_user_info is not UNSET:
            field_dict["ignore_user_info"] = ignore_user_info
        if issuer_url is not UNSET:
            field_dict["issuer_url"] = issuer_url
        if name_field is not UNSET:
            field_dict["name_field"] = name_field
        if organization_assign_default is not UNSET:
            field_dict["organization_assign_default"] = organization_assign_default
        if organization_field is not UNSET:
            field_dict["organization_field"] = organization_field
        if organization_mapping is not UNSET:
            field_dict["organization_mapping"] = organization_mapping
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if sign_in_text is not UNSET:
            field_dict["sign_in_text"] = sign_in_text
        if signups_disabled_text is not UNSET:
            field_dict["signups_disabled_text"] = signups_disabled_text
        if skip_issuer_checks is not UNSET:
            field_dict["skip_issuer_checks"] = skip_issuer_checks
        if source_user_info_from_access_token is not UNSET:
            field_dict["source_user_info_from_access_token"] = source_user_info_from_access_token
        if user_role_field is not UNSET:
            field_dict["user_role_field"] = user_role_field
        if user_role_mapping is not UNSET:
            field_dict["user_role_mapping"] = user_role_mapping
        if user_roles_default is not UNSET:
            field_dict["user_roles_default"] = user_roles_default
        if username_field is not UNSET:
            field_dict["username_field"] = username_field

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oidc_config_auth_url_params import OIDCConfigAuthUrlParams  # noqa: PLC0415
        from ..models.oidc_config_group_mapping import OIDCConfigGroupMapping  # noqa: PLC0415
        from ..models.oidc_config_group_regex_filter import OIDCConfigGroupRegexFilter  # noqa: PLC0415
        from ..models.oidc_config_organization_mapping import OIDCConfigOrganizationMapping  # noqa: PLC0415
        from ..models.oidc_config_user_role_mapping import OIDCConfigUserRoleMapping  # noqa: PLC0415
        from ..models.serpent_url import SerpentURL  # noqa: PLC0415

        d = dict(src_dict)
        allow_signups = d.pop("allow_signups", UNSET)

        _auth_url_params = d.pop("auth_url_params", UNSET)
        auth_url_params: OIDCConfigAuthUrlParams | Unset
        if isinstance(_auth_url_params, Unset):
            auth_url_params = UNSET
        else:
            auth_url_params = OIDCConfigAuthUrlParams.from_dict(_auth_url_params)

        client_cert_file = d.pop("client_cert_file", UNSET)

        client_id = d.pop("client_id", UNSET)

        client_key_file = d.pop("client_key_file", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        email_domain = cast(list[str], d.pop("email_domain", UNSET))

        email_field = d.pop("email_field", UNSET)

        group_allow_list = cast(list[str], d.pop("group_allow_list", UNSET))

        group_auto_create = d.pop("group_auto_create", UNSET)

        _group_mapping = d.pop("group_mapping", UNSET)
        group_mapping: OIDCConfigGroupMapping | Unset
        if isinstance(_group_mapping, Unset):
            group_mapping = UNSET
        else:
            group_mapping = OIDCConfigGroupMapping.from_dict(_group_mapping)

        _group_regex_filter = d.pop("group_regex_filter", UNSET)
        group_regex_filter: OIDCConfigGroupRegexFilter | Unset
        if isinstance(_group_regex_filter, Unset):
            group_regex_filter = UNSET
        else:
            group_regex_filter = OIDCConfigGroupRegexFilter.from_dict(_group_regex_filter)

        groups_field = d.pop("groups_field", UNSET)

        _icon_url = d.pop("icon_url", UNSET)
        icon_url: SerpentURL | Unset
        if isinstance(_icon_url, Unset):
            icon_url = UNSET
        else:
            icon_url = SerpentURL.from_dict(_icon_url)

        ignore_email_verified = d.pop("ignore_email_verified", UNSET)

        ignore_user_info = d.pop("ignore_user_info", UNSET)

        issuer_url = d.pop("issuer_url", UNSET)

        name_field = d.pop("name_field", UNSET)

        organization_assign_default = d.pop("organization_assign_default", UNSET)

        organization_field = d.pop("organization_field", UNSET)

        _organization_mapping = d.pop("organization_mapping", UNSET)
        organization_mapping: OIDCConfigOrganizationMapping | Unset
        if isinstance(_organization_mapping, Unset):
            organization_mapping = UNSET
        else:
            organization_mapping = OIDCConfigOrganizationMapping.from_dict(_organization_mapping)

        scopes = cast(list[str], d.pop("scopes", UNSET))

        sign_in_text = d.pop("sign_in_text", UNSET)

        signups_disabled_text = d.pop("signups_disabled_text", UNSET)

        skip_issuer_checks = d.pop("skip_issuer_checks", UNSET)

        source_user_info_from_access_token = d.pop("source_user_info_from_access_token", UNSET)

        user_role_field = d.pop("user_role_field", UNSET)

        _user_role_mapping = d.pop("user_role_mapping", UNSET)
        user_role_mapping: OIDCConfigUserRoleMapping | Unset
        if isinstance(_user_role_mapping, Unset):
            user_role_mapping = UNSET
        else:
            user_role_mapping = OIDCConfigUserRoleMapping.from_dict(_user_role_mapping)

        user_roles_default = cast(list[str], d.pop("user_roles_default", UNSET))

        username_field = d.pop("username_field", UNSET)

        oidc_config = cls(
            allow_signups=allow_signups,
            auth_url_params=auth_url_params,
            client_cert_file=client_cert_file,
            client_id=client_id,
            client_key_file=client_key_file,
            client_secret=client_secret,
            email_domain=email_domain,
            email_field=email_field,
            group_allow_list=group_allow_list,
            group_auto_create=group_auto_create,
            group_mapping=group_mapping,
            group_regex_filter=group_regex_filter,
            groups_field=groups_field,
            icon_url=icon_url,
            ignore_email_verified=ignore_email_verified,
            ignore_user_info=ignore_user_info,
            issuer_url=issuer_url,
            name_field=name_field,
            organization_assign_default=organization_assign_default,
            organization_field=organization_field,
            organization_mapping=organization_mapping,
            scopes=scopes,
            sign_in_text=sign_in_text,
            signups_disabled_text=signups_disabled_text,
            skip_issuer_checks=skip_issuer_checks,
            source_user_info_from_access_token=source_user_info_from_access_token,
            user_role_field=user_role_field,
            user_role_mapping=user_role_mapping,
            user_roles_default=user_roles_default,
            username_field=username_field,
        )

        oidc_config.additional_properties = d
        return oidc_config

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
