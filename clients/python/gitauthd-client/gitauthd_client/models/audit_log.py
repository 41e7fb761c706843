from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_fields import AuditFields
    from ..models.audit_log_diff import AuditLogDiff
    from ..models.user import User


T = TypeVar("T", bound="AuditLog")


@_attrs_define
class AuditLog:
    """One audit record, in the shape of codersdk's AuditLog. It never holds a secret.

    Attributes:
        id (UUID):
        request_id (UUID): The request's X-Request-ID as a UUID (the nil UUID when it is not one).
        time (datetime.datetime):
        ip (str): The client's address as the server's real-IP rules read it.
        user_agent (str):
        resource_type (str): user, api_key, external_auth_link, project, project_member, git_authorization or
            encryption_key.
        resource_id (UUID): The resource's UUID; for resources whose id is not one, a UUID derived from type and id (the
            id itself is in additional_fields).
        resource_target (str): The resource's name.
        resource_icon (str):
        action (str): login, logout, create, write, delete (Coder's), read_credential, refresh_credential or rotate_key.
        diff (AuditLogDiff): Always empty.
        status_code (int):
        additional_fields (AuditFields):
        description (str):
        resource_link (str):
        is_deleted (bool):
        organization_id (UUID):
        user (User):
    """

    id: UUID
    request_id: UUID
    time: datetime.datetime
    ip: str
    user_agent: str
    resource_type: str
    resource_id: UUID
    resource_target: str
    resource_icon: str
    action: str
    diff: AuditLogDiff
    status_code: int
    additional_fields: AuditFields
    description: str
    resource_link: str
    is_deleted: bool
    organization_id: UUID
    user: User
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        request_id = str(self.request_id)

        time = self.time.isoformat()

        ip = self.ip

        user_agent = self.user_agent

        resource_type = self.resource_type

        resource_id = str(self.resource_id)

        resource_target = self.resource_target

        resource_icon = self.resource_icon

        action = self.action

        diff = self.diff.to_dict()

        status_code = self.status_code

        additional_fields = self.additional_fields.to_dict()

        description = self.description

        resource_link = self.resource_link

        is_deleted = self.is_deleted

        organization_id = str(self.organization_id)

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "request_id": request_id,
                "time": time,
                "ip": ip,
                "user_agent": user_agent,
                "resource_type": resource_type,
                "resource_id": resource_id,
                "resource_target": resource_target,
                "resource_icon": resource_icon,
                "action": action,
                "diff": diff,
                "status_code": status_code,
                "additional_fields": additional_fields,
                "description": description,
                "resource_link": resource_link,
                "is_deleted": is_deleted,
                "organization_id": organization_id,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_fields import AuditFields  # noqa: PLC0415
        from ..models.audit_log_diff import AuditLogDiff  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        request_id = UUID(d.pop("request_id"))

        time = datetime.datetime.fromisoformat(d.pop("time"))

        ip = d.pop("ip")

        user_agent = d.pop("user_agent")

        resource_type = d.pop("resource_type")

        resource_id = UUID(d.pop("resource_id"))

        resource_target = d.pop("resource_target")

        resource_icon = d.pop("resource_icon")

        action = d.pop("action")

        diff = AuditLogDiff.from_dict(d.pop("diff"))

        status_code = d.pop("status_code")

        additional_fields = AuditFields.from_dict(d.pop("additional_fields"))

        description = d.pop("description")

        resource_link = d.pop("resource_link")

        is_deleted = d.pop("is_deleted")

        organization_id = UUID(d.pop("organization_id"))

        user = User.from_dict(d.pop("user"))

        audit_log = cls(
            id=id,
            request_id=request_id,
            time=time,
            ip=ip,
            user_agent=user_agent,
            resource_type=resource_type,
            resource_id=resource_id,
            resource_target=resource_target,
            resource_icon=resource_icon,
            action=action,
            diff=diff,
            status_code=status_code,
            additional_fields=additional_fields,
            description=description,
            resource_link=resource_link,
            is_deleted=is_deleted,
            organization_id=organization_id,
            user=user,
        )

        audit_log.additional_properties = d
        return audit_log

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
