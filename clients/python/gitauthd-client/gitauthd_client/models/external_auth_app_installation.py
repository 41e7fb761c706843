from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.external_auth_user_type_0 import ExternalAuthUserType0


T = TypeVar("T", bound="ExternalAuthAppInstallation")


@_attrs_define
class ExternalAuthAppInstallation:
    """
    Attributes:
        id (int):
        account (ExternalAuthUserType0 | None): A user of the Git provider. Nullable because `ExternalAuth.user` and
            `GitAuth.user` are
            `null` when the caller has no valid link; an installation's `account` is never null.
        configure_url (str):
    """

    id: int
    account: ExternalAuthUserType0 | None
    configure_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.external_auth_user_type_0 import ExternalAuthUserType0  # noqa: PLC0415

        id = self.id

        account: dict[str, Any] | None
        if isinstance(self.account, ExternalAuthUserType0):
            account = self.account.to_dict()
        else:
            account = self.account

        configure_url = self.configure_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "account": account,
                "configure_url": configure_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.external_auth_user_type_0 import ExternalAuthUserType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_account(data: object) -> ExternalAuthUserType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_external_auth_user_type_0 = ExternalAuthUserType0.from_dict(data)

                return componentsschemas_external_auth_user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExternalAuthUserType0 | None, data)

        account = _parse_account(d.pop("account"))

        configure_url = d.pop("configure_url")

        external_auth_app_installation = cls(
            id=id,
            account=account,
            configure_url=configure_url,
        )

        external_auth_app_installation.additional_properties = d
        return external_auth_app_installation

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
