from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.deployment_values import DeploymentValues
    from ..models.serpent_option import SerpentOption


T = TypeVar("T", bound="DeploymentConfig")


@_attrs_define
class DeploymentConfig:
    """
    Attributes:
        config (DeploymentValues): The deployment configuration as values. Durations are nanoseconds. Secret values are
            blanked. Options that gitauthd does not use are reported with their zero value or left out.
        options (list[SerpentOption]): Every option with its metadata and current value.
    """

    config: DeploymentValues
    options: list[SerpentOption]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        config = self.config.to_dict()

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "config": config,
                "options": options,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deployment_values import DeploymentValues  # noqa: PLC0415
        from ..models.serpent_option import SerpentOption  # noqa: PLC0415

        d = dict(src_dict)
        config = DeploymentValues.from_dict(d.pop("config"))

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = SerpentOption.from_dict(options_item_data)

            options.append(options_item)

        deployment_config = cls(
            config=config,
            options=options,
        )

        deployment_config.additional_properties = d
        return deployment_config

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
