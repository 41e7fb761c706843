from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_first_user_request_trial_info import CreateFirstUserRequestTrialInfo


T = TypeVar("T", bound="CreateFirstUserRequest")


@_attrs_define
class CreateFirstUserRequest:
    """
    Attributes:
        email (str):
        username (str): 1–32 letters, digits and single hyphens, not starting or ending with a hyphen; `me` (any case)
            is reserved.
        password (str): 8–256 characters. The server also refuses a password equal to the username or the email
            address (400 naming `password`).
        name (str | Unset): A person's name, at most 128 characters, without control characters.
        trial (bool | Unset): Sent by Coder's clients; ignored.
        trial_info (CreateFirstUserRequestTrialInfo | Unset): Sent by Coder's clients; ignored.
    """

    email: str
    username: str
    password: str
    name: str | Unset = UNSET
    trial: bool | Unset = UNSET
    trial_info: CreateFirstUserRequestTrialInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        username = self.username

        password = self.password

        name = self.name

        trial = self.trial

        trial_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.trial_info, Unset):
            trial_info = self.trial_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "username": username,
                "password": password,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if trial is not UNSET:
            field_dict["trial"] = trial
        if trial_info is not UNSET:
            field_dict["trial_info"] = trial_info

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_first_user_request_trial_info import CreateFirstUserRequestTrialInfo  # noqa: PLC0415

        d = dict(src_dict)
        email = d.pop("email")

        username = d.pop("username")

        password = d.pop("password")

        name = d.pop("name", UNSET)

        trial = d.pop("trial", UNSET)

        _trial_info = d.pop("trial_info", UNSET)
        trial_info: CreateFirstUserRequestTrialInfo | Unset
        if isinstance(_trial_info, Unset):
            trial_info = UNSET
        else:
            trial_info = CreateFirstUserRequestTrialInfo.from_dict(_trial_info)

        create_first_user_request = cls(
            email=email,
            username=username,
            password=password,
            name=name,
            trial=trial,
            trial_info=trial_info,
        )

        create_first_user_request.additional_properties = d
        return create_first_user_request

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
