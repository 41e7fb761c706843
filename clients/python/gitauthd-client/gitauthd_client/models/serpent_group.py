from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SerpentGroup")


@_attrs_define
class SerpentGroup:
    """A group of options, possibly nested in a parent group.

    Attributes:
        name (str | Unset):
        description (str | Unset):
        yaml (str | Unset):
        parent (SerpentGroup | Unset): A group of options, possibly nested in a parent group.
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    yaml: str | Unset = UNSET
    parent: SerpentGroup | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        yaml = self.yaml

        parent: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parent, Unset):
            parent = self.parent.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if yaml is not UNSET:
            field_dict["yaml"] = yaml
        if parent is not UNSET:
            field_dict["parent"] = parent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        yaml = d.pop("yaml", UNSET)

        _parent = d.pop("parent", UNSET)
        parent: SerpentGroup | Unset
        if isinstance(_parent, Unset):
            parent = UNSET
        else:
            parent = SerpentGroup.from_dict(_parent)

        serpent_group = cls(
            name=name,
            description=description,
            yaml=yaml,
            parent=parent,
        )

        serpent_group.additional_properties = d
        return serpent_group

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
