"""The daily check-in for the shown date: warning signs, recovery actions, water, sleep.

Below it, the one standing question that is not about a day: medicines.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.domain.check_ins import (
    CHECK_SYMPTOMS,
    CheckIn,
    RecoveryAction,
    Severity,
    WarningSymptom,
)
from legday_desktop.domain.profile import STATIN_QUESTION, Profile
from legday_desktop.domain.soreness import MAX_NOTE_LENGTH
from legday_desktop.domain.wording import _

T = TypeVar("T", WarningSymptom, RecoveryAction)


URGENT_SIGNS = [symptom for symptom in WarningSymptom if symptom.severity is Severity.URGENT]
URGENT_SIGNS.remove(WarningSymptom.CANNOT_BEAR_WEIGHT)  # the follow-up of the two below
CHECK_SIGNS = [symptom for symptom in WarningSymptom if symptom in CHECK_SYMPTOMS]


class CheckInPanel(QGroupBox):
    """Edits one day's check-in; every edit emits the whole new check-in.

    Signals:
        check_in_edited(object): the CheckIn as the user has just set it.
        statin_answer_edited(bool): the user (un)ticked the standing medicines question.
    """

    check_in_edited = Signal(object)
    statin_answer_edited = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Check-in"), parent)
        self._date = dt.date.today()
        self._shown: CheckIn | None = None
        self._title = _("Check-in")
        urgent, urgent_boxes = self._check_boxes(
            _("<b>Warning signs</b> — any one of these: seek medical care now or today"),
            URGENT_SIGNS,
            columns=2,
        )
        check, check_boxes = self._check_boxes(
            _("<b>Get it checked</b> if it is not easing:"), CHECK_SIGNS, columns=2
        )
        # The follow-up question that makes either of those urgent.
        no_weight = QCheckBox(
            _("… and {symptom}").format(symptom=WarningSymptom.CANNOT_BEAR_WEIGHT.label)
        )
        no_weight.setToolTip(_("With either of the two above, that needs to be seen today"))
        no_weight.setAccessibleName(WarningSymptom.CANNOT_BEAR_WEIGHT.label)
        no_weight.toggled.connect(self._emit)
        check.addWidget(no_weight, 2, 0, 1, 2)
        check.setContentsMargins(0, 0, 0, 0)
        self.symptom_boxes = {
            **urgent_boxes,
            **check_boxes,
            WarningSymptom.CANNOT_BEAR_WEIGHT: no_weight,
        }
        actions, self.action_boxes = self._check_boxes(
            _("<b>What I did for recovery</b>"), list(RecoveryAction), columns=3
        )
        # Asked once, not every day: it stays until changed, and shows from every day.
        self.statin_box = QCheckBox(_(STATIN_QUESTION))
        self.statin_box.setToolTip(
            _(
                "Some medicines, statins above all, can cause muscle aches. When ticked, Legday "
                "mentions them whenever your soreness is not the usual pattern. It stays ticked "
                "until you untick it."
            )
        )
        self.statin_box.toggled.connect(self.statin_answer_edited)
        self._profile = Profile()

        self.water = self._amount(15, 0.25, " L")
        self.sleep = self._amount(24, 0.5, " h")
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE_LENGTH)
        self.note.setPlaceholderText(_("Anything else about today"))
        self.note.editingFinished.connect(self._emit)
        amounts = QGridLayout()
        for column, (label, box) in enumerate(
            ((_("&Water"), self.water), (_("S&leep"), self.sleep))
        ):
            caption = QLabel(label)
            caption.setBuddy(box)
            amounts.addWidget(caption, 0, 2 * column)
            amounts.addWidget(box, 0, 2 * column + 1)
        note_caption = QLabel(_("N&ote"))
        note_caption.setBuddy(self.note)
        amounts.addWidget(note_caption, 1, 0)
        amounts.addWidget(self.note, 1, 1, 1, 3)
        amounts.setColumnStretch(1, 1)
        amounts.setColumnStretch(3, 1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        standing = QLabel(_("<b>About you</b> (not only today)"))

        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(urgent)
        layout.addSpacing(2)
        layout.addLayout(check)
        layout.addSpacing(4)
        layout.addLayout(actions)
        layout.addSpacing(4)
        layout.addLayout(amounts)
        layout.addSpacing(4)
        layout.addWidget(line)
        layout.addWidget(standing)
        layout.addWidget(self.statin_box)
        layout.addStretch(1)

    def _check_boxes(
        self, title: str, items: list[T], columns: int
    ) -> tuple[QGridLayout, dict[T, QCheckBox]]:
        """A titled grid of check boxes, one per item, each saving when toggled."""
        grid = QGridLayout()
        grid.addWidget(QLabel(title), 0, 0, 1, columns)
        boxes: dict[T, QCheckBox] = {}
        for index, item in enumerate(items):
            box = QCheckBox(item.label)
            box.toggled.connect(self._emit)
            boxes[item] = box
            grid.addWidget(box, 1 + index // columns, index % columns)
        return grid, boxes

    def _amount(self, maximum: float, step: float, suffix: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        # The minimum stands for "not recorded", shown as words instead of a number.
        box.setRange(-step, maximum)
        box.setSingleStep(step)
        box.setDecimals(2)
        box.setSuffix(suffix)
        box.setSpecialValueText(_("not recorded"))
        box.setValue(-step)
        box.editingFinished.connect(self._emit)
        return box

    @staticmethod
    def _value(box: QDoubleSpinBox) -> float | None:
        return None if box.value() < 0 else box.value()

    def current(self) -> CheckIn:
        return CheckIn(
            date=self._date,
            symptoms=frozenset(s for s, box in self.symptom_boxes.items() if box.isChecked()),
            actions=frozenset(a for a, box in self.action_boxes.items() if box.isChecked()),
            water_litres=self._value(self.water),
            sleep_hours=self._value(self.sleep),
            note=self.note.text(),
        )

    def show_profile(self, profile: Profile) -> None:
        """Show the standing answers without emitting an edit."""
        self._profile = profile
        with QSignalBlocker(self.statin_box):
            self.statin_box.setChecked(profile.takes_statin_or_new_medicine)

    def show_check_in(self, date: dt.date, check_in: CheckIn | None, title: str) -> None:
        """Show ``check_in`` (None: nothing recorded) without emitting edits."""
        self._date = date
        self.setTitle(title)
        self._title = title
        check_in = check_in or CheckIn(date)
        self._fill(check_in)
        self._shown = check_in

    def keep_unsaved(self, check_in: CheckIn) -> None:
        """Show ``check_in`` that could not be saved; the next edit tries it again."""
        if check_in.date != self._date:
            return
        self._fill(check_in)
        self._shown = check_in  # not sent again by itself: once per attempt, not per view
        self.setTitle(_("{title} — not saved yet").format(title=self._title))

    def _fill(self, check_in: CheckIn) -> None:
        widgets = [
            *self.symptom_boxes.values(),
            *self.action_boxes.values(),
            self.water,
            self.sleep,
            self.note,
        ]
        blockers = [QSignalBlocker(widget) for widget in widgets]  # showing is not editing
        for symptom, box in self.symptom_boxes.items():
            box.setChecked(symptom in check_in.symptoms)
        for action, box in self.action_boxes.items():
            box.setChecked(action in check_in.actions)
        for amount, value in (
            (self.water, check_in.water_litres),
            (self.sleep, check_in.sleep_hours),
        ):
            amount.setValue(amount.minimum() if value is None else value)
        if self.note.text() != check_in.note:
            self.note.setText(check_in.note)
        for blocker in blockers:
            blocker.unblock()

    def commit_pending(self) -> None:
        """Emit an edit still in progress (a note typed without Enter) before moving on."""
        self._emit()

    def _emit(self) -> None:
        if self._shown is None:
            return  # nothing shown yet, nothing edited
        check_in = self.current()
        if check_in != self._shown:
            self._shown = check_in
            self.check_in_edited.emit(check_in)
