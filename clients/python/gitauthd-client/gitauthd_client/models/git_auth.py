from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.external_auth_app_installation import ExternalAuthAppInstallation
    from ..models.external_auth_user_type_0 import ExternalAuthUserType0


T = TypeVar("T", bound="GitAuth")


@_attrs_define
class GitAuth:
    """Legacy shape of `ExternalAuth`; `type` instead of `display_name`.

    Attributes:
        authenticated (bool):
        device (bool):
        type_ (str): Provider type.
        user (ExternalAuthUserType0 | None): A user of the Git provider. Nullable because `ExternalAuth.user` and
            `GitAuth.user` are
            `null` when the caller has no valid link; an installation's `account` is never null.
        app_installable (bool):
        installations (list[ExternalAuthAppInstallation]):
        app_install_url (str):
    """

    authenticated: bool
    device: bool
    type_: str
    user: ExternalAuthUserType0 | None
    app_installable: bool
    installations: list[ExternalAuthAppInstallation]
    app_install_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.external_auth_user_type_0 import ExternalAuthUserType0  # noqa: PLC0415

        authenticated = self.authenticated

        device = self.device

        type_ = self.type_

        user: dict[str, Any] | None
        if isinstance(self.user, ExternalAuthUserType0):
            user = self.user.to_dict()
        else:
            user = self.user

        app_installable = self.app_installable

        installations = []
        for installations_item_data in self.installations:
            installations_item = installations_item_data.to_dict()
            installations.append(installations_item)

        app_install_url = self.app_install_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "authenticated": authenticated,
                "device": device,
                "type": type_,
                "user": user,
                "app_installable": app_installable,
                "installations": installations,
                "app_install_url": app_install_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.external_auth_app_installation import ExternalAuthAppInstallation  # noqa: PLC0415
        from ..models.external_auth_user_type_0 import ExternalAuthUserType0  # noqa: PLC0415

        d = dict(src_dict)
        authenticated = d.pop("authenticated")

        device = d.pop("device")

        type_ = d.pop("type")

        def _parse_user(data: object) -> ExternalAuthUserType0 | None:
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

        user = _parse_user(d.pop("user"))

        app_installable = d.pop("app_installable")

        installations = []
        _installations = d.pop("installations")
        for installations_item_data in _installations:
            installations_item = ExternalAuthAppInstallation.from_dict(installations_item_data)

            installations.append(installations_item)

        app_install_url = d.pop("app_install_url")

        git_auth = cls(
            authenticated=authenticated,
            device=device,
            type_=type_,
            user=user,
            app_installable=app_installable,
            installations=installations,
            app_install_url=app_install_url,
        )

        git_auth.additional_properties = d
        return git_auth

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
