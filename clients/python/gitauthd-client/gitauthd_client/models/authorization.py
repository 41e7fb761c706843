from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.authorization_status import AuthorizationStatus
from ..models.authorization_token_type import AuthorizationTokenType

T = TypeVar("T", bound="Authorization")


@_attrs_define
class Authorization:
    """A Git repository authorization of a project.

    Attributes:
        name (str): Authorization name, unique within the project.
        repo_type (str): Repository type, e.g. github, gitlab, gitee, bitbucket.
        repo_host (str): Repository address (API host).
        repo_home (str): Repository homepage.
        repo_user (str): Repository username.
        avartar (str): Repository avatar (the field name is misspelled on the wire).
        token_type (AuthorizationTokenType): Repository authorization type.
        create_time (int): Creation time, epoch milliseconds.
        update_time (int): Update time, epoch milliseconds.
        status (AuthorizationStatus): 0 normal, 1 expired, 2 unauthenticated.
        tag (None | str): Type of the authorized site; null by default.
    """

    name: str
    repo_type: str
    repo_host: str
    repo_home: str
    repo_user: str
    avartar: str
    token_type: AuthorizationTokenType
    create_time: int
    update_time: int
    status: AuthorizationStatus
    tag: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        repo_type = self.repo_type

        repo_host = self.repo_host

        repo_home = self.repo_home

        repo_user = self.repo_user

        avartar = self.avartar

        token_type = self.token_type.value

        create_time = self.create_time

        update_time = self.update_time

        status = self.status.value

        tag: None | str
        tag = self.tag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "repo_type": repo_type,
                "repo_host": repo_host,
                "repo_home": repo_home,
                "repo_user": repo_user,
                "avartar": avartar,
                "token_type": token_type,
                "create_time": create_time,
                "update_time": update_time,
                "status": status,
                "tag": tag,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        repo_type = d.pop("repo_type")

        repo_host = d.pop("repo_host")

        repo_home = d.pop("repo_home")

        repo_user = d.pop("repo_user")

        avartar = d.pop("avartar")

        token_type = AuthorizationTokenType(d.pop("token_type"))

        create_time = d.pop("create_time")

        update_time = d.pop("update_time")

        status = AuthorizationStatus(d.pop("status"))

        def _parse_tag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tag = _parse_tag(d.pop("tag"))

        authorization = cls(
            name=name,
            repo_type=repo_type,
            repo_host=repo_host,
            repo_home=repo_home,
            repo_user=repo_user,
            avartar=avartar,
            token_type=token_type,
            create_time=create_time,
            update_time=update_time,
            status=status,
            tag=tag,
        )

        authorization.additional_properties = d
        return authorization

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
