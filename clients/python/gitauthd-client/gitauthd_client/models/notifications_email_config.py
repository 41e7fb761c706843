from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notifications_email_auth_config import NotificationsEmailAuthConfig
    from ..models.notifications_email_tls_config import NotificationsEmailTLSConfig


T = TypeVar("T", bound="NotificationsEmailConfig")


@_attrs_define
class NotificationsEmailConfig:
    """
    Attributes:
        auth (NotificationsEmailAuthConfig | Unset):
        force_tls (bool | Unset):
        from_ (str | Unset):
        hello (str | Unset):
        smarthost (str | Unset):
        tls (NotificationsEmailTLSConfig | Unset):
    """

    auth: NotificationsEmailAuthConfig | Unset = UNSET
    force_tls: bool | Unset = UNSET
    from_: str | Unset = UNSET
    hello: str | Unset = UNSET
    smarthost: str | Unset = UNSET
    tls: NotificationsEmailTLSConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        auth: dict[str, Any] | Unset = UNSET
        if not isinstance(self.auth, Unset):
            auth = self.auth.to_dict()

        force_tls = self.force_tls

        from_ = self.from_

        hello = self.hello

        smarthost = self.smarthost

        tls: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tls, Unset):
            tls = self.tls.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if auth is not UNSET:
            field_dict["auth"] = auth
        if force_tls is not UNSET:
            field_dict["force_tls"] = force_tls
        if from_ is not UNSET:
            field_dict["from"] = from_
        if hello is not UNSET:
            field_dict["hello"] = hello
        if smarthost is not UNSET:
            field_dict["smarthost"] = smarthost
        if tls is not UNSET:
            field_dict["tls"] = tls

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notifications_email_auth_config import NotificationsEmailAuthConfig  # noqa: PLC0415
        from ..models.notifications_email_tls_config import NotificationsEmailTLSConfig  # noqa: PLC0415

        d = dict(src_dict)
        _auth = d.pop("auth", UNSET)
        auth: NotificationsEmailAuthConfig | Unset
        if isinstance(_auth, Unset):
            auth = UNSET
        else:
            auth = NotificationsEmailAuthConfig.from_dict(_auth)

        force_tls = d.pop("force_tls", UNSET)

        from_ = d.pop("from", UNSET)

        hello = d.pop("hello", UNSET)

        smarthost = d.pop("smarthost", UNSET)

        _tls = d.pop("tls", UNSET)
        tls: NotificationsEmailTLSConfig | Unset
        if isinstance(_tls, Unset):
            tls = UNSET
        else:
            tls = NotificationsEmailTLSConfig.from_dict(_tls)

        notifications_email_config = cls(
            auth=auth,
            force_tls=force_tls,
            from_=from_,
            hello=hello,
            smarthost=smarthost,
            tls=tls,
        )

        notifications_email_config.additional_properties = d
        return notifications_email_config

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
