from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProvisionerConfig")


@_attrs_define
class ProvisionerConfig:
    """
    Attributes:
        daemon_poll_interval (int | Unset): Duration in nanoseconds.
        daemon_poll_jitter (int | Unset): Duration in nanoseconds.
        daemon_psk (str | Unset): Secret; always blanked.
        daemon_types (list[str] | Unset):
        daemons (int | Unset):
        force_cancel_interval (int | Unset): Duration in nanoseconds.
    """

    daemon_poll_interval: int | Unset = UNSET
    daemon_poll_jitter: int | Unset = UNSET
    daemon_psk: str | Unset = UNSET
    daemon_types: list[str] | Unset = UNSET
    daemons: int | Unset = UNSET
    force_cancel_interval: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        daemon_poll_interval = self.daemon_poll_interval

        daemon_poll_jitter = self.daemon_poll_jitter

        daemon_psk = self.daemon_psk

        daemon_types: list[str] | Unset = UNSET
        if not isinstance(self.daemon_types, Unset):
            daemon_types = self.daemon_types

        daemons = self.daemons

        force_cancel_interval = self.force_cancel_interval

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if daemon_poll_interval is not UNSET:
            field_dict["daemon_poll_interval"] = daemon_poll_interval
        if daemon_poll_jitter is not UNSET:
            field_dict["daemon_poll_jitter"] = daemon_poll_jitter
        if daemon_psk is not UNSET:
            field_dict["daemon_psk"] = daemon_psk
        if daemon_types is not UNSET:
            field_dict["daemon_types"] = daemon_types
        if daemons is not UNSET:
            field_dict["daemons"] = daemons
        if force_cancel_interval is not UNSET:
            field_dict["force_cancel_interval"] = force_cancel_interval

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        daemon_poll_interval = d.pop("daemon_poll_interval", UNSET)

        daemon_poll_jitter = d.pop("daemon_poll_jitter", UNSET)

        daemon_psk = d.pop("daemon_psk", UNSET)

        daemon_types = cast(list[str], d.pop("daemon_types", UNSET))

        daemons = d.pop("daemons", UNSET)

        force_cancel_interval = d.pop("force_cancel_interval", UNSET)

        provisioner_config = cls(
            daemon_poll_interval=daemon_poll_interval,
            daemon_poll_jitter=daemon_poll_jitter,
            daemon_psk=daemon_psk,
            daemon_types=daemon_types,
            daemons=daemons,
            force_cancel_interval=force_cancel_interval,
        )

        provisioner_config.additional_properties = d
        return provisioner_config

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
