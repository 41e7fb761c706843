from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.serpent_url_user_type_0 import SerpentURLUserType0


T = TypeVar("T", bound="SerpentURL")


@_attrs_define
class SerpentURL:
    """A URL as its parts (Go's `net/url.URL`).

    Attributes:
        scheme (str):
        opaque (str):
        host (str): Host or host:port.
        path (str):
        raw_path (str):
        omit_host (bool):
        force_query (bool):
        raw_query (str):
        fragment (str):
        raw_fragment (str):
        user (None | SerpentURLUserType0 | Unset): User information; never exposed, so empty or null.
    """

    scheme: str
    opaque: str
    host: str
    path: str
    raw_path: str
    omit_host: bool
    force_query: bool
    raw_query: str
    fragment: str
    raw_fragment: str
    user: None | SerpentURLUserType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.serpent_url_user_type_0 import SerpentURLUserType0  # noqa: PLC0415

        scheme = self.scheme

        opaque = self.opaque

        host = self.host

        path = self.path

        raw_path = self.raw_path

        omit_host = self.omit_host

        force_query = self.force_query

        raw_query = self.raw_query

        fragment = self.fragment

        raw_fragment = self.raw_fragment

        user: dict[str, Any] | None | Unset
        if isinstance(self.user, Unset):
            user = UNSET
        elif isinstance(self.user, SerpentURLUserType0):
            user = self.user.to_dict()
        else:
            user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scheme": scheme,
                "opaque": opaque,
                "host": host,
                "path": path,
                "rawPath": raw_path,
                "omitHost": omit_host,
                "forceQuery": force_query,
                "rawQuery": raw_query,
                "fragment": fragment,
                "rawFragment": raw_fragment,
            }
        )
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.serpent_url_user_type_0 import SerpentURLUserType0  # noqa: PLC0415

        d = dict(src_dict)
        scheme = d.pop("scheme")

        opaque = d.pop("opaque")

        host = d.pop("host")

        path = d.pop("path")

        raw_path = d.pop("rawPath")

        omit_host = d.pop("omitHost")

        force_query = d.pop("forceQuery")

        raw_query = d.pop("rawQuery")

        fragment = d.pop("fragment")

        raw_fragment = d.pop("rawFragment")

        def _parse_user(data: object) -> None | SerpentURLUserType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_type_0 = SerpentURLUserType0.from_dict(data)

                return user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SerpentURLUserType0 | Unset, data)

        user = _parse_user(d.pop("user", UNSET))

        serpent_url = cls(
            scheme=scheme,
            opaque=opaque,
            host=host,
            path=path,
            raw_path=raw_path,
            omit_host=omit_host,
            force_query=force_query,
            raw_query=raw_query,
            fragment=fragment,
            raw_fragment=raw_fragment,
            user=user,
        )

        serpent_url.additional_properties = d
        return serpent_url

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
