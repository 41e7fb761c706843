from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.serpent_option_value_source import SerpentOptionValueSource
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.serpent_group import SerpentGroup
    from ..models.serpent_option_annotations import SerpentOptionAnnotations
    from ..models.serpent_option_value_type_4 import SerpentOptionValueType4


T = TypeVar("T", bound="SerpentOption")


@_attrs_define
class SerpentOption:
    """A configuration option, its metadata and its current value.

    Attributes:
        name (str):
        value (bool | float | list[Any] | None | SerpentOptionValueType4 | str): Current value, any JSON value (string,
            number, boolean, array or object); `null` for
            secret options.
        value_source (SerpentOptionValueSource): Where the value came from; `""` or `default` when not set.
        description (str | Unset):
        required (bool | Unset):
        flag (str | Unset): Command-line flag name, without dashes.
        flag_shorthand (str | Unset):
        env (str | Unset): Environment variable name.
        yaml (str | Unset): Key in the YAML configuration file.
        default (str | Unset): Default value, as text.
        annotations (SerpentOptionAnnotations | Unset):
        group (SerpentGroup | Unset): A group of options, possibly nested in a parent group.
        use_instead (list[SerpentOption] | Unset): Options that replace this one.
        hidden (bool | Unset):
    """

    name: str
    value: bool | float | list[Any] | None | SerpentOptionValueType4 | str
    value_source: SerpentOptionValueSource
    description: str | Unset = UNSET
    required: bool | Unset = UNSET
    flag: str | Unset = UNSET
    flag_shorthand: str | Unset = UNSET
    env: str | Unset = UNSET
    yaml: str | Unset = UNSET
    default: str | Unset = UNSET
    annotations: SerpentOptionAnnotations | Unset = UNSET
    group: SerpentGroup | Unset = UNSET
    use_instead: list[SerpentOption] | Unset = UNSET
    hidden: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.serpent_option_value_type_4 import SerpentOptionValueType4  # noqa: PLC0415

        name = self.name

        value: bool | dict[str, Any] | float | list[Any] | None | str
        if isinstance(self.value, list):
            value = self.value

        elif isinstance(self.value, SerpentOptionValueType4):
            value = self.value.to_dict()
        else:
            value = self.value

        value_source = self.value_source.value

        description = self.description

        required = self.required

        flag = self.flag

        flag_shorthand = self.flag_shorthand

        env = self.env

        yaml = self.yaml

        default = self.default

        annotations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.annotations, Unset):
            annotations = self.annotations.to_dict()

        group: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group, Unset):
            group = self.group.to_dict()

        use_instead: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.use_instead, Unset):
            use_instead = []
            for use_instead_item_data in self.use_instead:
                use_instead_item = use_instead_item_data.to_dict()
                use_instead.append(use_instead_item)

        hidden = self.hidden

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "value": value,
                "value_source": value_source,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if required is not UNSET:
            field_dict["required"] = required
        if flag is not UNSET:
            field_dict["flag"] = flag
        if flag_shorthand is not UNSET:
            field_dict["flag_shorthand"] = flag_shorthand
        if env is not UNSET:
            field_dict["env"] = env
        if yaml is not UNSET:
            field_dict["yaml"] = yaml
        if default is not UNSET:
            field_dict["default"] = default
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if group is not UNSET:
            field_dict["group"] = group
        if use_instead is not UNSET:
            field_dict["use_instead"] = use_instead
        if hidden is not UNSET:
            field_dict["hidden"] = hidden

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.serpent_group import SerpentGroup  # noqa: PLC0415
        from ..models.serpent_option_annotations import SerpentOptionAnnotations  # noqa: PLC0415
        from ..models.serpent_option_value_type_4 import SerpentOptionValueType4  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_value(data: object) -> bool | float | list[Any] | None | SerpentOptionValueType4 | str:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                value_type_3 = cast(list[Any], data)

                return value_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                value_type_4 = SerpentOptionValueType4.from_dict(data)

                return value_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | float | list[Any] | None | SerpentOptionValueType4 | str, data)

        value = _parse_value(d.pop("value"))

        value_source = SerpentOptionValueSource(d.pop("value_source"))

        description = d.pop("description", UNSET)

        required = d.pop("required", UNSET)

        flag = d.pop("flag", UNSET)

        flag_shorthand = d.pop("flag_shorthand", UNSET)

        env = d.pop("env", UNSET)

        yaml = d.pop("yaml", UNSET)

        default = d.pop("default", UNSET)

        _annotations = d.pop("annotations", UNSET)
        annotations: SerpentOptionAnnotations | Unset
        if isinstance(_annotations, Unset):
            annotations = UNSET
        else:
            annotations = SerpentOptionAnnotations.from_dict(_annotations)

        _group = d.pop("group", UNSET)
        group: SerpentGroup | Unset
        if isinstance(_group, Unset):
            group = UNSET
        else:
            group = SerpentGroup.from_dict(_group)

        _use_instead = d.pop("use_instead", UNSET)
        use_instead: list[SerpentOption] | Unset = UNSET
        if _use_instead is not UNSET:
            use_instead = []
            for use_instead_item_data in _use_instead:
                use_instead_item = SerpentOption.from_dict(use_instead_item_data)

                use_instead.append(use_instead_item)

        hidden = d.pop("hidden", UNSET)

        serpent_option = cls(
            name=name,
            value=value,
            value_source=value_source,
            description=description,
            required=required,
            flag=flag,
            flag_shorthand=flag_shorthand,
            env=env,
            yaml=yaml,
            default=default,
            annotations=annotations,
            group=group,
            use_instead=use_instead,
            hidden=hidden,
        )

        serpent_option.additional_properties = d
        return serpent_option

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
