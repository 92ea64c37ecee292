"""The catalogue of body-map regions: eleven groups, each on the left and the right."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.wording import N_, _


class Side(enum.StrEnum):
    """The person's own side, as anatomy names it (not the side of the screen)."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def label(self) -> str:
        return _("Left") if self is Side.LEFT else _("Right")

    @property
    def mirrored(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class View(enum.StrEnum):
    """Which drawing of the legs shows a group."""

    FRONT = "front"
    BACK = "back"

    @property
    def label(self) -> str:
        """``front`` or ``back``, in the current language (the value stays English)."""
        return _("front") if self is View.FRONT else _("back")


@dataclass(frozen=True, slots=True)
class MuscleGroup:
    """A muscle group (or a joint, or a tendon) that the user can rate on both sides.

    ``name`` heads lists ("Quads"); ``side_name`` names one side ("quad", as in "Left
    quad") and ``both_name`` the two together ("both quads"), each in the current
    language. The catalogue holds them in English, as gettext message ids.
    """

    id: str
    english_name: str
    view: View
    english_side_name: str
    english_both_name: str
    is_joint: bool = False  # the knees: pain there is never ordinary muscle soreness
    is_tendon: bool = False  # the Achilles tendon and ankle: nor is pain there

    @property
    def is_muscle(self) -> bool:
        """False for a joint or a tendon: soreness there is not DOMS."""
        return not (self.is_joint or self.is_tendon)

    @property
    def name(self) -> str:
        return _(self.english_name)

    @property
    def side_name(self) -> str:
        return _(self.english_side_name)

    @property
    def both_name(self) -> str:
        return _(self.english_both_name)


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
        side = _("Left {part}") if self.side is Side.LEFT else _("Right {part}")
        return side.format(part=self.group.side_name)

    @property
    def mirror_id(self) -> str:
        return f"{self.group.id}.{self.side.mirrored.value}"


# The catalogue itself. Order is the display order: front view top to bottom, then back.
GROUPS: tuple[MuscleGroup, ...] = (
    MuscleGroup(
        "hip_flexors", N_("Hip flexors"), View.FRONT, N_("hip flexor"), N_("both hip flexors")
    ),
    MuscleGroup("quadriceps", N_("Quads"), View.FRONT, N_("quad"), N_("both quads")),
    MuscleGroup(
        "adductors",
        N_("Inner thigh (adductors)"),
        View.FRONT,
        N_("inner thigh"),
        N_("both inner thighs"),
    ),
    MuscleGroup("knees", N_("Knees"), View.FRONT, N_("knee"), N_("both knees"), is_joint=True),
    MuscleGroup("shins", N_("Shins"), View.FRONT, N_("shin"), N_("both shins")),
    MuscleGroup(
        "lower_back",
        N_("Lower back"),
        View.BACK,
        N_("lower back"),
        N_("lower back (both sides)"),
    ),
    MuscleGroup(
        "abductors",
        N_("Outer hip (abductors)"),
        View.BACK,
        N_("outer hip"),
        N_("both outer hips"),
    ),
    MuscleGroup("glutes", N_("Glutes"), View.BACK, N_("glute"), N_("both glutes")),
    MuscleGroup("hamstrings", N_("Hamstrings"), View.BACK, N_("hamstring"), N_("both hamstrings")),
    MuscleGroup("calves", N_("Calves"), View.BACK, N_("calf"), N_("both calves")),
    MuscleGroup(
        "achilles",
        N_("Achilles & ankle"),
        View.BACK,
        N_("Achilles & ankle"),
        N_("both Achilles & ankles"),
        is_tendon=True,
    ),
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
