from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_fields_result import AuditFieldsResult

T = TypeVar("T", bound="AuditFields")


@_attrs_define
class AuditFields:
    """
    Attributes:
        result (AuditFieldsResult):
        api_key_id (str): The public id of the key that authenticated the request (never the key).
        provider_id (str):
        repository_url (str): The repository URL asked for, without credentials, query or fragment.
        resource_id (str): The resource's own id.
        username (str): The actor's username when the record was written.
    """

    result: AuditFieldsResult
    api_key_id: str
    provider_id: str
    repository_url: str
    resource_id: str
    username: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        result = self.result.value

        api_key_id = self.api_key_id

        provider_id = self.provider_id

        repository_url = self.repository_url

        resource_id = self.resource_id

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "result": result,
                "api_key_id": api_key_id,
                "provider_id": provider_id,
                "repository_url": repository_url,
                "resource_id": resource_id,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        result = AuditFieldsResult(d.pop("result"))

        api_key_id = d.pop("api_key_id")

        provider_id = d.pop("provider_id")

        repository_url = d.pop("repository_url")

        resource_id = d.pop("resource_id")

        username = d.pop("username")

        audit_fields = cls(
            result=result,
            api_key_id=api_key_id,
            provider_id=provider_id,
            repository_url=repository_url,
            resource_id=resource_id,
            username=username,
        )

        audit_fields.additional_properties = d
        return audit_fields

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
