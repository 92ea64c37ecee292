"""The built-in exercise catalogue and the muscle groups each exercise loads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CatalogueExercise:
    """A common leg exercise and how much it loads each group (1.0 = prime mover)."""

    id: str
    name: str
    loads: Mapping[str, float]

    @property
    def groups(self) -> tuple[str, ...]:
        """Groups this exercise loads, the most loaded first."""
        return tuple(sorted(self.loads, key=lambda group: -self.loads[group]))


CATALOGUE: tuple[CatalogueExercise, ...] = (
    CatalogueExercise(
        "squat",
        "Squat",
        {"quadriceps": 1.0, "glutes": 0.8, "adductors": 0.6, "lower_back": 0.3, "hamstrings": 0.3},
    ),
    CatalogueExercise(
        "front_squat",
        "Front squat",
        {"quadriceps": 1.0, "glutes": 0.6, "adductors": 0.4, "lower_back": 0.3},
    ),
    CatalogueExercise(
        "lunge",
        "Lunge",
        {
            "quadriceps": 0.9,
            "glutes": 0.9,
            "adductors": 0.5,
            "abductors": 0.4,
            "hip_flexors": 0.4,
            "hamstrings": 0.3,
        },
    ),
    CatalogueExercise(
        "bulgarian_split_squat",
        "Bulgarian split squat",
        {"quadriceps": 1.0, "glutes": 0.9, "adductors": 0.5, "abductors": 0.5, "hip_flexors": 0.5},
    ),
    CatalogueExercise(
        "deadlift",
        "Deadlift",
        {"lower_back": 0.9, "hamstrings": 0.8, "glutes": 0.8, "quadriceps": 0.4},
    ),
    CatalogueExercise(
        "romanian_deadlift",
        "Romanian deadlift",
        {"hamstrings": 1.0, "glutes": 0.7, "lower_back": 0.6},
    ),
    CatalogueExercise(
        "leg_press",
        "Leg press",
        {"quadriceps": 0.9, "glutes": 0.5, "adductors": 0.3},
    ),
    CatalogueExercise("leg_extension", "Leg extension", {"quadriceps": 0.8}),
    CatalogueExercise("leg_curl", "Leg curl", {"hamstrings": 0.8, "calves": 0.2}),
    CatalogueExercise("hip_thrust", "Hip thrust", {"glutes": 1.0, "hamstrings": 0.4}),
    CatalogueExercise("calf_raise", "Calf raise", {"calves": 1.0, "achilles": 0.6}),
    CatalogueExercise(
        "step_up",
        "Step-up",
        {"quadriceps": 0.7, "glutes": 0.7, "abductors": 0.4, "hip_flexors": 0.3},
    ),
    CatalogueExercise(
        "box_jump",
        "Box jump",
        {"quadriceps": 0.5, "calves": 0.6, "achilles": 0.5, "glutes": 0.4, "shins": 0.3},
    ),
)


def _key(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


_BY_KEY = {
    key: exercise for exercise in CATALOGUE for key in (_key(exercise.id), _key(exercise.name))
}


def find_exercise(text: str) -> CatalogueExercise | None:
    """Return the catalogue entry named by ``text`` (any case, id or name), else None."""
    return _BY_KEY.get(_key(text))


def group_loads(exercise_names: Iterable[str]) -> dict[str, float]:
    """Sum the load of each group over the catalogue exercises among ``exercise_names``.

    Free-text exercises that are not in the catalogue load nothing we know of.
    """
    totals: dict[str, float] = {}
    for name in exercise_names:
        exercise = find_exercise(name)
        if exercise is None:
            continue
        for group, load in exercise.loads.items():
            totals[group] = totals.get(group, 0.0) + load
    return totals
