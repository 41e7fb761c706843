from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.external_auth_link import ExternalAuthLink
    from ..models.external_auth_link_provider import ExternalAuthLinkProvider


T = TypeVar("T", bound="ListUserExternalAuthResponse")


@_attrs_define
class ListUserExternalAuthResponse:
    """
    Attributes:
        providers (list[ExternalAuthLinkProvider]):
        links (list[ExternalAuthLink]):
    """

    providers: list[ExternalAuthLinkProvider]
    links: list[ExternalAuthLink]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        providers = []
        for providers_item_data in self.providers:
            providers_item = providers_item_data.to_dict()
            providers.append(providers_item)

        links = []
        for links_item_data in self.links:
            links_item = links_item_data.to_dict()
            links.append(links_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "providers": providers,
                "links": links,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.external_auth_link import ExternalAuthLink  # noqa: PLC0415
        from ..models.external_auth_link_provider import ExternalAuthLinkProvider  # noqa: PLC0415

        d = dict(src_dict)
        providers = []
        _providers = d.pop("providers")
        for providers_item_data in _providers:
            providers_item = ExternalAuthLinkProvider.from_dict(providers_item_data)

            providers.append(providers_item)

        links = []
        _links = d.pop("links")
        for links_item_data in _links:
            links_item = ExternalAuthLink.from_dict(links_item_data)

            links.append(links_item)

        list_user_external_auth_response = cls(
            providers=providers,
            links=links,
        )

        list_user_external_auth_response.additional_properties = d
        return list_user_external_auth_response

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
