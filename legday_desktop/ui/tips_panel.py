"""Today's guidance beside the map: warnings on top, then readiness and tips with reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.domain.check_ins import Severity
from legday_desktop.domain.wording import N_, _, not_medical_advice
from legday_desktop.ui.texts import escape

if TYPE_CHECKING:  # the guidance rules load with the first advice, after the first paint
    from legday_desktop.guidance.advice import Advice
    from legday_desktop.guidance.alerts import Alert
    from legday_desktop.guidance.content import Tip
    from legday_desktop.guidance.tips import ChosenTip

BOX_STYLES = {
    Severity.URGENT: "background: #b00020; color: white; border-radius: 6px; padding: 8px;",
    Severity.CHECK: "background: #ffd27a; color: #3a2500; border: 1px solid #a86800; "
    "border-radius: 6px; padding: 8px;",
}
HELD_BACK = N_(
    "<p>Other tips are held back while an urgent warning stands: have it seen to first.</p>"
)


def tip_html(tip: Tip, reason: str | None = None) -> str:
    """A tip as rich text: title, evidence, the reason it was chosen, body, source."""
    why = _("<p><i>Why: {reason}</i></p>").format(reason=escape(reason)) if reason else ""
    source = _("<p><small>Source: {source}</small></p>").format(source=escape(tip.source))
    return (
        f"<p><b>{escape(tip.title)}</b> <small>· {escape(tip.evidence)}</small></p>{why}"
        f"<p>{escape(tip.body)}</p>{source}"
    )


class TipsPanel(QWidget):
    """Shows an Advice: warnings on top (urgent red, check amber) that no tip can push away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Today's advice"))
        self.disclaimer = QLabel(not_medical_advice())
        self.disclaimer.setObjectName("tipsDisclaimer")
        self.disclaimer.setWordWrap(True)
        self.urgent_box = self._warning_box("urgentTips", Severity.URGENT)
        self.check_box = self._warning_box("checkTips", Severity.CHECK)
        # The warnings come first, in full with what to do, above readiness and tips: one
        # scrolling page (no box scrolls inside another), and no tip can push them away.
        self.urgent_area = QWidget()
        self.urgent_area.setObjectName("urgentArea")
        warnings_layout = QVBoxLayout(self.urgent_area)
        warnings_layout.setContentsMargins(0, 0, 0, 0)
        warnings_layout.addWidget(self.urgent_box)
        warnings_layout.addWidget(self.check_box)
        self.urgent_area.hide()
        self.readiness_label = QLabel()
        self.readiness_label.setObjectName("readiness")
        self.readiness_label.setWordWrap(True)
        self.readiness_label.setTextFormat(Qt.TextFormat.RichText)
        self.tips_label = QLabel()
        self.tips_label.setObjectName("tips")
        self.tips_label.setWordWrap(True)
        self.tips_label.setTextFormat(Qt.TextFormat.RichText)
        self.tips_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.browse_button = QPushButton(_("Browse all tips…"))
        self.browse_button.clicked.connect(lambda: TipsBrowser.ask(self))

        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(self.urgent_area)
        inner.addWidget(self.readiness_label)
        inner.addWidget(self.tips_label)
        inner.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("adviceScroller")
        # A stop of its own: the arrow keys and Page Down scroll the advice.
        self.scroller.setAccessibleName(_("Today's advice, scrollable"))
        self.scroller.setWidget(self.content)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)

        footer = QHBoxLayout()
        footer.addWidget(self.disclaimer, stretch=1)
        footer.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.scroller, stretch=1)
        layout.addLayout(footer)
        self.chosen: tuple[ChosenTip, ...] = ()

    @staticmethod
    def _warning_box(name: str, severity: Severity) -> QLabel:
        box = QLabel()
        box.setObjectName(name)
        box.setWordWrap(True)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setStyleSheet(BOX_STYLES[severity])
        box.setAlignment(Qt.AlignmentFlag.AlignTop)
        box.setAccessibleName(severity.heading)
        box.hide()
        return box

    def show_message(self, message: str) -> None:
        self.chosen = ()
        self.urgent_area.hide()
        self.readiness_label.setText("")
        self.tips_label.setText(escape(message))

    def show_advice(self, advice: Advice) -> None:
        self.chosen = advice.tips
        for box, alerts in (
            (self.urgent_box, advice.urgent_alerts),
            (self.check_box, advice.check_alerts),
        ):
            box.setText(self._warnings_html(alerts, advice.tips))
            box.setAccessibleDescription(" ".join(alert.message for alert in alerts))
            box.setVisible(bool(alerts))
        self.urgent_area.setVisible(bool(advice.alerts))
        self.readiness_label.setText(self._readiness_html(advice))
        others = [chosen for chosen in advice.tips if not chosen.is_warning]
        held_back = _(HELD_BACK) if advice.urgent_alerts else ""
        self.tips_label.setText(
            "".join(tip_html(chosen.tip, chosen.reason) for chosen in others) + held_back
            or _("<p>No tips for this day.</p>")
        )

    def show_warnings_first(self) -> None:
        """Scroll back to the top, where the warnings are (the strip's "Details")."""
        self.scroller.verticalScrollBar().setValue(0)

    @staticmethod
    def _warnings_html(alerts: tuple[Alert, ...], chosen: tuple[ChosenTip, ...]) -> str:
        """Each warning once: what was seen or reported, then what to do and its source."""
        if not alerts:
            return ""
        parts = [f"<p><b>{escape(alerts[0].severity.heading)}</b></p>"]
        for alert in alerts:
            # "You reported …" names its symptom; a pattern is introduced by its title.
            title = "" if alert.symptom else f"<b>{escape(alert.title)}</b>: "
            parts.append(f"<p>{title}{escape(alert.message)}")
            for answer in (c for c in chosen if c.answers is alert):
                parts.append(
                    f"<br>{escape(answer.tip.body)}"
                    f"<br><small>Source: {escape(answer.tip.source)}</small>"
                )
            parts.append("</p>")
        return "".join(parts)

    @staticmethod
    def _readiness_html(advice: Advice) -> str:
        from legday_desktop.guidance.report import next_leg_day_words, readiness_words

        if not advice.readiness:
            return ""
        summary = f"<p><b>{escape(next_leg_day_words(advice))}</b></p>"
        if advice.urgent_alerts:
            return summary  # every group would say the same: no date until it is seen to
        rows = [
            f"{escape(item.label)}: {escape(readiness_words(item, advice.date))} "
            f"<small>({escape(item.basis)})</small>"
            for item in advice.readiness
        ]
        return summary + "<p>" + "<br>".join(rows) + "</p>"


class TipsBrowser(QDialog):
    """Every tip, searchable and by category."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from legday_desktop.guidance.content import CATEGORIES, load_tips

        super().__init__(parent)
        self.setWindowTitle(_("All tips"))
        self.tips = load_tips()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the tips"))
        self.search.setAccessibleName(_("Search the tips"))  # a placeholder is not a name
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.setAccessibleName(_("Category"))
        self.category.addItem(_("All categories"), "")
        for key, label in CATEGORIES.items():
            self.category.addItem(label, key)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Tips"))
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(_("Chosen tip"))
        self.search.textChanged.connect(self._filter)
        self.category.currentIndexChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._show)
        top = QHBoxLayout()
        top.addWidget(self.search, stretch=1)
        top.addWidget(self.category)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setSizes([260, 420])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(QLabel(not_medical_advice()))
        layout.addWidget(buttons)
        self.resize(760, 520)
        self._filter()

    def _filter(self) -> None:
        words = self.search.text().casefold().split()
        category = self.category.currentData()
        self.list.clear()
        for tip in self.tips:
            text = f"{tip.title} {tip.body} {tip.source}".casefold()
            if (not category or tip.category == category) and all(w in text for w in words):
                item = QListWidgetItem(f"{tip.title}  ·  {tip.category_label}")
                item.setData(Qt.ItemDataRole.UserRole, tip.id)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.detail.setHtml(_("<p>No tip matches.</p>"))

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        tip = next(t for t in self.tips if t.id == item.data(Qt.ItemDataRole.UserRole))
        self.detail.setHtml(tip_html(tip))

    @classmethod
    def ask(cls, parent: QWidget | None) -> None:
        """Show the browser until closed. Tests replace this."""
        dialog = cls(parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
