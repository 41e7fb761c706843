from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.o_auth_2_github_config import OAuth2GithubConfig


T = TypeVar("T", bound="OAuth2Config")


@_attrs_define
class OAuth2Config:
    """
    Attributes:
        github (OAuth2GithubConfig | Unset):
    """

    github: OAuth2GithubConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        github: dict[str, Any] | Unset = UNSET
        if not isinstance(self.github, Unset):
            github = self.github.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if github is not UNSET:
            field_dict["github"] = github

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.o_auth_2_github_config import OAuth2GithubConfig  # noqa: PLC0415

        d = dict(src_dict)
        _github = d.pop("github", UNSET)
        github: OAuth2GithubConfig | Unset
        if isinstance(_github, Unset):
            github = UNSET
        else:
            github = OAuth2GithubConfig.from_dict(_github)

        o_auth_2_config = cls(
            github=github,
        )

        o_auth_2_config.additional_properties = d
        return o_auth_2_config

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
