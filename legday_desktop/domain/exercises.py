"""The built-in exercise catalogue and the muscle groups each exercise loads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CatalogueExercise:
    """A common leg exercise and how much it loads each group (1.0 = prime mover).

    ``aliases`` are the other names training apps give it; equipment ("Barbell",
    "(Machine)"), case, punctuation and plurals are ignored when names are compared.
    """

    id: str
    name: str
    loads: Mapping[str, float]
    aliases: tuple[str, ...] = ()

    @property
    def groups(self) -> tuple[str, ...]:
        """Groups this exercise loads, the most loaded first."""
        return tuple(sorted(self.loads, key=lambda group: -self.loads[group]))


CATALOGUE: tuple[CatalogueExercise, ...] = (
    CatalogueExercise(
        "squat",
        "Squat",
        {"quadriceps": 1.0, "glutes": 0.8, "adductors": 0.6, "lower_back": 0.3, "hamstrings": 0.3},
        ("Back squat", "High bar squat", "Low bar squat", "Box squat", "Belt squat", "Pause squat"),
    ),
    CatalogueExercise(
        "front_squat",
        "Front squat",
        {"quadriceps": 1.0, "glutes": 0.6, "adductors": 0.4, "lower_back": 0.3},
        ("Goblet squat", "Zercher squat"),
    ),
    CatalogueExercise(
        "hack_squat",
        "Hack squat",
        {"quadriceps": 1.0, "glutes": 0.5, "adductors": 0.3},
        ("Pendulum squat", "V squat", "Sissy squat"),
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
        ("Walking lunge", "Reverse lunge", "Forward lunge", "Lateral lunge", "Curtsy lunge"),
    ),
    CatalogueExercise(
        "bulgarian_split_squat",
        "Bulgarian split squat",
        {"quadriceps": 1.0, "glutes": 0.9, "adductors": 0.5, "abductors": 0.5, "hip_flexors": 0.5},
        ("Split squat", "Rear foot elevated split squat", "RFESS", "Pistol squat"),
    ),
    CatalogueExercise(
        "deadlift",
        "Deadlift",
        {"lower_back": 0.9, "hamstrings": 0.8, "glutes": 0.8, "quadriceps": 0.4},
        ("Conventional deadlift", "Sumo deadlift", "Trap bar deadlift", "Hex bar deadlift"),
    ),
    CatalogueExercise(
        "romanian_deadlift",
        "Romanian deadlift",
        {"hamstrings": 1.0, "glutes": 0.7, "lower_back": 0.6},
        ("RDL", "Stiff leg deadlift", "Stiff legged deadlift", "Good morning"),
    ),
    CatalogueExercise(
        "leg_press",
        "Leg press",
        {"quadriceps": 0.9, "glutes": 0.5, "adductors": 0.3},
        ("Horizontal leg press", "Single leg press", "Leg press horizontal"),
    ),
    CatalogueExercise(
        "leg_extension",
        "Leg extension",
        {"quadriceps": 0.8},
        ("Knee extension", "Quad extension"),
    ),
    CatalogueExercise(
        "leg_curl",
        "Leg curl",
        {"hamstrings": 0.8, "calves": 0.2},
        (
            "Lying leg curl",
            "Seated leg curl",
            "Standing leg curl",
            "Hamstring curl",
            "Nordic hamstring curl",
            "Nordic curl",
            "Glute ham raise",
        ),
    ),
    CatalogueExercise(
        "hip_thrust",
        "Hip thrust",
        {"glutes": 1.0, "hamstrings": 0.4},
        ("Glute bridge", "Barbell glute bridge", "Glute kickback", "Cable kickback"),
    ),
    CatalogueExercise(
        "back_extension",
        "Back extension",
        {"lower_back": 0.8, "glutes": 0.5, "hamstrings": 0.5},
        ("Hyperextension", "45 degree hyperextension", "Reverse hyper"),
    ),
    CatalogueExercise(
        "hip_abduction",
        "Hip abduction",
        {"abductors": 1.0, "glutes": 0.3},
        ("Abductor machine", "Hip abductor", "Side lying leg raise", "Clamshell"),
    ),
    CatalogueExercise(
        "hip_adduction",
        "Hip adduction",
        {"adductors": 1.0},
        ("Adductor machine", "Hip adductor", "Copenhagen plank"),
    ),
    CatalogueExercise(
        "calf_raise",
        "Calf raise",
        {"calves": 1.0, "achilles": 0.6},
        (
            "Standing calf raise",
            "Seated calf raise",
            "Calf press",
            "Calf press on leg press",
            "Donkey calf raise",
            "Single leg calf raise",
        ),
    ),
    CatalogueExercise(
        "tibialis_raise",
        "Tibialis raise",
        {"shins": 1.0},
        ("Tib raise", "Toe raise", "Tibialis anterior raise"),
    ),
    CatalogueExercise(
        "step_up",
        "Step-up",
        {"quadriceps": 0.7, "glutes": 0.7, "abductors": 0.4, "hip_flexors": 0.3},
        ("Box step up", "Lateral step up"),
    ),
    CatalogueExercise(
        "box_jump",
        "Box jump",
        {"quadriceps": 0.5, "calves": 0.6, "achilles": 0.5, "glutes": 0.4, "shins": 0.3},
        ("Jump squat", "Squat jump", "Broad jump", "Jump rope", "Skipping", "Pogo jump"),
    ),
    CatalogueExercise(
        "kettlebell_swing",
        "Kettlebell swing",
        {"glutes": 0.8, "hamstrings": 0.7, "lower_back": 0.5},
        ("Russian swing", "American swing"),
    ),
    CatalogueExercise(
        "sled_push",
        "Sled push",
        {"quadriceps": 0.8, "glutes": 0.6, "calves": 0.5, "achilles": 0.3},
        ("Prowler push", "Sled drag"),
    ),
)

# Words that name the equipment, not the movement: "Barbell Back Squat" is a squat.
_EQUIPMENT = frozenset(
    {
        *("barbell", "bb", "dumbbell", "dumbbells", "db", "kettlebell", "kettlebells", "kb"),
        *("machine", "machines", "smith", "cable", "cables", "band", "bands", "banded"),
        *("resistance", "bodyweight", "weighted", "plate", "loaded", "lever", "landmine"),
        *("ez", "bar", "bars", "trap", "hex", "assisted"),
    }
)
# Plurals that do not end in a plain "s": "Calves raise", "Step-ups" reads the same.
_IRREGULAR = {"calves": "calf", "presses": "press", "ups": "up"}
# Word parts that mark a name as a leg exercise worth asking about when unknown.
_LEG_WORDS = (
    *("squat", "lunge", "leg", "calf", "glute", "hip", "hamstring", "quad", "deadlift"),
    *("step", "jump", "thrust", "adduct", "abduct", "split", "pistol", "tibialis", "ankle"),
    *("knee", "thigh", "sled", "kickback", "good morning", "nordic", "bridge", "rdl"),
)


def exercise_key(text: str) -> str:
    """The name as compared: no case, brackets, punctuation, equipment words or plurals."""
    words = []
    depth = 0
    plain = []
    for character in text.casefold():
        if character in "([":
            depth += 1
        elif character in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            plain.append(character if character.isalnum() else " ")
    for word in "".join(plain).split():
        if word in _EQUIPMENT:
            continue
        word = _IRREGULAR.get(word, word)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    joined = " ".join(words)
    # "Step-up", "Stepup" and "Step ups" are one exercise.
    return joined.replace("stepup", "step up")


_BY_KEY = {
    exercise_key(key): exercise
    for exercise in CATALOGUE
    for key in (exercise.id, exercise.name, *exercise.aliases)
}


def find_exercise(text: str) -> CatalogueExercise | None:
    """Return the catalogue entry named by ``text`` (any case, id, name or alias), else None."""
    return _BY_KEY.get(exercise_key(text))


def looks_like_leg_exercise(text: str) -> bool:
    """True if an unknown name sounds like leg training ("Hack squat", "Cossack squat")."""
    key = exercise_key(text) or text.casefold()
    return any(word in key for word in _LEG_WORDS)


@dataclass(frozen=True, slots=True)
class ExerciseMapping:
    """The person's own answer to "what does this exercise load?" for a name not known.

    An empty ``loads`` says the exercise is not leg training (asked once, not again).
    """

    name: str
    loads: Mapping[str, float]

    @property
    def key(self) -> str:
        return exercise_key(self.name)


# A group listed without a share in "Hack Squat=quadriceps,glutes": the first is the prime
# mover, the others help.
PRIME_SHARE, HELPER_SHARE = 1.0, 0.5


def parse_mapping(text: str, known_groups: Iterable[str]) -> ExerciseMapping:
    """``"Hack Squat=quadriceps,glutes:0.6"`` as a mapping; ``"Plank="`` maps to nothing.

    Raises ValueError naming what is wrong (no "=", an unknown group, a bad share).
    """
    name, equals, groups_text = text.partition("=")
    if not equals or not name.strip():
        example = '"Hack Squat=quadriceps,glutes"'
        raise ValueError(f"{text!r}: write NAME=GROUP,GROUP (e.g. {example})")
    known = tuple(known_groups)
    loads: dict[str, float] = {}
    for position, part in enumerate(piece.strip() for piece in groups_text.split(",")):
        if not part:
            continue
        group, colon, share_text = (piece.strip() for piece in part.partition(":"))
        if group not in known:
            raise ValueError(f"{text!r}: {group!r} is not a muscle group ({', '.join(known)})")
        share = PRIME_SHARE if position == 0 else HELPER_SHARE
        if colon:
            try:
                share = float(share_text)
            except ValueError:
                raise ValueError(f"{text!r}: share {share_text!r} is not a number") from None
            if not 0 < share <= 1:
                raise ValueError(f"{text!r}: share {share_text!r} must be above 0 and at most 1")
        loads[group] = share
    return ExerciseMapping(name.strip(), loads)


def loads_of(
    name: str, mappings: Mapping[str, ExerciseMapping] | None = None
) -> Mapping[str, float] | None:
    """The share of load per group of exercise ``name``, None when nothing knows it.

    The person's mapping (by ``exercise_key``) comes first, then the catalogue.
    """
    if mappings:
        mapping = mappings.get(exercise_key(name))
        if mapping is not None:
            return mapping.loads
    exercise = find_exercise(name)
    return None if exercise is None else exercise.loads


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
