from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.auth_method import AuthMethod
    from ..models.github_auth_method import GithubAuthMethod
    from ..models.oidc_auth_method import OIDCAuthMethod


T = TypeVar("T", bound="AuthMethods")


@_attrs_define
class AuthMethods:
    """
    Attributes:
        password (AuthMethod):
        github (GithubAuthMethod):
        oidc (OIDCAuthMethod):
        terms_of_service_url (str | Unset): Never sent by gitauthd; Coder sends it when a terms-of-service URL is
            configured.
    """

    password: AuthMethod
    github: GithubAuthMethod
    oidc: OIDCAuthMethod
    terms_of_service_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        password = self.password.to_dict()

        github = self.github.to_dict()

        oidc = self.oidc.to_dict()

        terms_of_service_url = self.terms_of_service_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "password": password,
                "github": github,
                "oidc": oidc,
            }
        )
        if terms_of_service_url is not UNSET:
            field_dict["terms_of_service_url"] = terms_of_service_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auth_method import AuthMethod  # noqa: PLC0415
        from ..models.github_auth_method import GithubAuthMethod  # noqa: PLC0415
        from ..models.oidc_auth_method import OIDCAuthMethod  # noqa: PLC0415

        d = dict(src_dict)
        password = AuthMethod.from_dict(d.pop("password"))

        github = GithubAuthMethod.from_dict(d.pop("github"))

        oidc = OIDCAuthMethod.from_dict(d.pop("oidc"))

        terms_of_service_url = d.pop("terms_of_service_url", UNSET)

        auth_methods = cls(
            password=password,
            github=github,
            oidc=oidc,
            terms_of_service_url=terms_of_service_url,
        )

        auth_methods.additional_properties = d
        return auth_methods

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
