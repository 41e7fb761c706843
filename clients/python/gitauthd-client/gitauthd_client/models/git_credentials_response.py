from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.git_credentials_response_token_extra import GitCredentialsResponseTokenExtra


T = TypeVar("T", bound="GitCredentialsResponse")


@_attrs_define
class GitCredentialsResponse:
    """
    Attributes:
        type_ (str): The provider's type.
        access_token (str | Unset): The provider access token (absent without a valid link).
        token_extra (GitCredentialsResponseTokenExtra | Unset): Extra token fields the provider is configured to keep
            (`extra_token_keys`).
        username (str | Unset): The username git sends over HTTPS.
        password (str | Unset): The password git sends over HTTPS.
        url (str | Unset): Where the caller can link, when there is no valid link.
    """

    type_: str
    access_token: str | Unset = UNSET
    token_extra: GitCredentialsResponseTokenExtra | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        access_token = self.access_token

        token_extra: dict[str, Any] | Unset = UNSET
        if not isinstance(self.token_extra, Unset):
            token_extra = self.token_extra.to_dict()

        username = self.username

        password = self.password

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if token_extra is not UNSET:
            field_dict["token_extra"] = token_extra
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.git_credentials_response_token_extra import GitCredentialsResponseTokenExtra  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        access_token = d.pop("access_token", UNSET)

        _token_extra = d.pop("token_extra", UNSET)
        token_extra: GitCredentialsResponseTokenExtra | Unset
        if isinstance(_token_extra, Unset):
            token_extra = UNSET
        else:
            token_extra = GitCredentialsResponseTokenExtra.from_dict(_token_extra)

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        url = d.pop("url", UNSET)

        git_credentials_response = cls(
            type_=type_,
            access_token=access_token,
            token_extra=token_extra,
            username=username,
            password=password,
            url=url,
        )

        git_credentials_response.additional_properties = d
        return git_credentials_response

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
