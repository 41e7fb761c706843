from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notifications_email_config import NotificationsEmailConfig
    from ..models.notifications_webhook_config import NotificationsWebhookConfig


T = TypeVar("T", bound="NotificationsConfig")


@_attrs_define
class NotificationsConfig:
    """
    Attributes:
        dispatch_timeout (int | Unset): Duration in nanoseconds.
        email (NotificationsEmailConfig | Unset):
        fetch_interval (int | Unset): Duration in nanoseconds.
        lease_count (int | Unset):
        lease_period (int | Unset): Duration in nanoseconds.
        max_send_attempts (int | Unset):
        method (str | Unset):
        retry_interval (int | Unset): Duration in nanoseconds.
        sync_buffer_size (int | Unset):
        sync_interval (int | Unset): Duration in nanoseconds.
        webhook (NotificationsWebhookConfig | Unset):
    """

    dispatch_timeout: int | Unset = UNSET
    email: NotificationsEmailConfig | Unset = UNSET
    fetch_interval: int | Unset = UNSET
    lease_count: int | Unset = UNSET
    lease_period: int | Unset = UNSET
    max_send_attempts: int | Unset = UNSET
    method: str | Unset = UNSET
    retry_interval: int | Unset = UNSET
    sync_buffer_size: int | Unset = UNSET
    sync_interval: int | Unset = UNSET
    webhook: NotificationsWebhookConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dispatch_timeout = self.dispatch_timeout

        email: dict[str, Any] | Unset = UNSET
        if not isinstance(self.email, Unset):
            email = self.email.to_dict()

        fetch_interval = self.fetch_interval

        lease_count = self.lease_count

        lease_period = self.lease_period

        max_send_attempts = self.max_send_attempts

        method = self.method

        retry_interval = self.retry_interval

        sync_buffer_size = self.sync_buffer_size

        sync_interval = self.sync_interval

        webhook: dict[str, Any] | Unset = UNSET
        if not isinstance(self.webhook, Unset):
            webhook = self.webhook.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if dispatch_timeout is not UNSET:
            field_dict["dispatch_timeout"] = dispatch_timeout
        if email is not UNSET:
            field_dict["email"] = email
        if fetch_interval is not UNSET:
            field_dict["fetch_interval"] = fetch_interval
        if lease_count is not UNSET:
            field_dict["lease_count"] = lease_count
        if lease_period is not UNSET:
            field_dict["lease_period"] = lease_period
        if max_send_attempts is not UNSET:
            field_dict["max_send_attempts"] = max_send_attempts
        if method is not UNSET:
            field_dict["method"] = method
        if retry_interval is not UNSET:
            field_dict["retry_interval"] = retry_interval
        if sync_buffer_size is not UNSET:
            field_dict["sync_buffer_size"] = sync_buffer_size
        if sync_interval is not UNSET:
            field_dict["sync_interval"] = sync_interval
        if webhook is not UNSET:
            field_dict["webhook"] = webhook

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notifications_email_config import NotificationsEmailConfig  # noqa: PLC0415
        from ..models.notifications_webhook_config import NotificationsWebhookConfig  # noqa: PLC0415

        d = dict(src_dict)
        dispatch_timeout = d.pop("dispatch_timeout", UNSET)

        _email = d.pop("email", UNSET)
        email: NotificationsEmailConfig | Unset
        if isinstance(_email, Unset):
            email = UNSET
        else:
            email = NotificationsEmailConfig.from_dict(_email)

        fetch_interval = d.pop("fetch_interval", UNSET)

        lease_count = d.pop("lease_count", UNSET)

        lease_period = d.pop("lease_period", UNSET)

        max_send_attempts = d.pop("max_send_attempts", UNSET)

        method = d.pop("method", UNSET)

        retry_interval = d.pop("retry_interval", UNSET)

        sync_buffer_size = d.pop("sync_buffer_size", UNSET)

        sync_interval = d.pop("sync_interval", UNSET)

        _webhook = d.pop("webhook", UNSET)
        webhook: NotificationsWebhookConfig | Unset
        if isinstance(_webhook, Unset):
            webhook = UNSET
        else:
            webhook = NotificationsWebhookConfig.from_dict(_webhook)

        notifications_config = cls(
            dispatch_timeout=dispatch_timeout,
            email=email,
            fetch_interval=fetch_interval,
            lease_count=lease_count,
            lease_period=lease_period,
            max_send_attempts=max_send_attempts,
            method=method,
            retry_interval=retry_interval,
            sync_buffer_size=sync_buffer_size,
            sync_interval=sync_interval,
            webhook=webhook,
        )

        notifications_config.additional_properties = d
        return notifications_config

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
