"""The catalogue of body-map regions: nine muscle groups, each on the left and the right."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from legday_desktop.domain.errors import DomainError


class Side(enum.StrEnum):
    """The person's own side, as anatomy names it (not the side of the screen)."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def mirrored(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class View(enum.StrEnum):
    """Which drawing of the legs shows a group."""

    FRONT = "front"
    BACK = "back"


@dataclass(frozen=True, slots=True)
class MuscleGroup:
    """A muscle group (or, for the knees, a joint) that the user can rate on both sides.

    ``name`` heads lists ("Quads"); ``side_name`` names one side ("quad", as in "Left
    quad") and ``both_name`` the two together ("both quads").
    """

    id: str
    name: str
    view: View
    side_name: str
    both_name: str
    is_joint: bool = False


@dataclass(frozen=True, slots=True)
class Region:
    """One group on one side; ``id`` is ``<group>.<side>``, shared by map, database and files."""

    group: MuscleGroup
    side: Side

    @property
    def id(self) -> str:
        return f"{self.group.id}.{self.side.value}"

    @property
    def name(self) -> str:
        """The name shown to people, e.g. ``Left quad``."""
        return f"{self.side.label} {self.group.side_name}"

    @property
    def mirror_id(self) -> str:
        return f"{self.group.id}.{self.side.mirrored.value}"


# The catalogue itself. Order is the display order: front view top to bottom, then back.
GROUPS: tuple[MuscleGroup, ...] = (
    MuscleGroup("hip_flexors", "Hip flexors", View.FRONT, "hip flexor", "both hip flexors"),
    MuscleGroup("quadriceps", "Quads", View.FRONT, "quad", "both quads"),
    MuscleGroup(
        "adductors", "Inner thigh (adductors)", View.FRONT, "inner thigh", "both inner thighs"
    ),
    MuscleGroup("knees", "Knees", View.FRONT, "knee", "both knees", is_joint=True),
    MuscleGroup("shins", "Shins", View.FRONT, "shin", "both shins"),
    MuscleGroup("lower_back", "Lower back", View.BACK, "lower back", "lower back (both sides)"),
    MuscleGroup("glutes", "Glutes", View.BACK, "glute", "both glutes"),
    MuscleGroup("hamstrings", "Hamstrings", View.BACK, "hamstring", "both hamstrings"),
    MuscleGroup("calves", "Calves", View.BACK, "calf", "both calves"),
)

REGIONS: tuple[Region, ...] = tuple(Region(group, side) for group in GROUPS for side in Side)

_GROUPS_BY_ID = {group.id: group for group in GROUPS}
_REGIONS_BY_ID = {region.id: region for region in REGIONS}
REGION_IDS: tuple[str, ...] = tuple(_REGIONS_BY_ID)
GROUP_IDS: tuple[str, ...] = tuple(_GROUPS_BY_ID)


def region_by_id(region_id: str) -> Region:
    """Return the region with this id, or raise a DomainError naming the bad id."""
    try:
        return _REGIONS_BY_ID[region_id]
    except (KeyError, TypeError):
        raise DomainError(
            "region",
            f"unknown region {region_id!r}; expected <group>.<left|right>, e.g. 'quadriceps.left'",
        ) from None


def group_by_id(group_id: str) -> MuscleGroup:
    """Return the muscle group with this id, or raise a DomainError naming the bad id."""
    try:
        return _GROUPS_BY_ID[group_id]
    except (KeyError, TypeError):
        raise DomainError(
            "group", f"unknown muscle group {group_id!r}; known: {', '.join(GROUP_IDS)}"
        ) from None
