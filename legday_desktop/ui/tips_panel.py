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

from legday_desktop.ui.texts import weekday_date

if TYPE_CHECKING:  # the guidance rules load with the first advice, after the first paint
    from legday_desktop.guidance.advice import Advice, ChosenTip
    from legday_desktop.guidance.content import Tip

NOT_MEDICAL_ADVICE = "Legday gives general information, not medical advice."
URGENT_STYLE = "background: #b00020; color: white; border-radius: 6px; padding: 8px;"


def escape(text: str) -> str:
    """Text made safe for Qt rich text (the html module costs half a megabyte at start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tip_html(tip: Tip, reason: str | None = None) -> str:
    """A tip as rich text: title, evidence, the reason it was chosen, body, source."""
    why = f"<p><i>Why: {escape(reason)}</i></p>" if reason else ""
    return (
        f"<p><b>{escape(tip.title)}</b> <small>· {escape(tip.evidence)}</small></p>{why}"
        f"<p>{escape(tip.body)}</p><p><small>Source: {escape(tip.source)}</small></p>"
    )


class TipsPanel(QWidget):
    """Shows an Advice: urgent warnings in a red box that nothing can push out of view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Today's advice")
        self.disclaimer = QLabel(NOT_MEDICAL_ADVICE)
        self.disclaimer.setObjectName("tipsDisclaimer")
        self.disclaimer.setWordWrap(True)
        self.urgent_box = QLabel()
        self.urgent_box.setObjectName("urgentTips")
        self.urgent_box.setWordWrap(True)
        self.urgent_box.setTextFormat(Qt.TextFormat.RichText)
        self.urgent_box.setStyleSheet(URGENT_STYLE)
        self.urgent_box.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.readiness_label = QLabel()
        self.readiness_label.setObjectName("readiness")
        self.readiness_label.setWordWrap(True)
        self.readiness_label.setTextFormat(Qt.TextFormat.RichText)
        self.tips_label = QLabel()
        self.tips_label.setObjectName("tips")
        self.tips_label.setWordWrap(True)
        self.tips_label.setTextFormat(Qt.TextFormat.RichText)
        self.tips_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.browse_button = QPushButton("Browse all tips…")
        self.browse_button.clicked.connect(lambda: TipsBrowser.ask(self))

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(self.readiness_label)
        inner.addWidget(self.tips_label)
        inner.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidget(content)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)

        footer = QHBoxLayout()
        footer.addWidget(self.disclaimer, stretch=1)
        footer.addWidget(self.browse_button)
        # The warnings sit above the scrolling tips, in their own scroll area so that even
        # many of them stay readable: always in view, never pushed away by a tip.
        self.urgent_area = QScrollArea()
        self.urgent_area.setObjectName("urgentArea")
        self.urgent_area.setWidget(self.urgent_box)
        self.urgent_area.setWidgetResizable(True)
        self.urgent_area.setFrameShape(QFrame.Shape.NoFrame)
        self.urgent_area.setMinimumHeight(120)
        self.urgent_area.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.urgent_area, stretch=2)
        layout.addWidget(scroller, stretch=3)
        layout.addLayout(footer)
        self.chosen: tuple[ChosenTip, ...] = ()

    def show_message(self, message: str) -> None:
        self.chosen = ()
        self.urgent_area.hide()
        self.readiness_label.setText("")
        self.tips_label.setText(escape(message))

    def show_advice(self, advice: Advice) -> None:
        self.chosen = advice.tips
        urgent = advice.urgent
        if urgent or advice.alerts:
            # Every alert's own explanation first, even when a symptom brought in its tip.
            flagged = "".join(f"<li>{escape(alert.message)}</li>" for alert in advice.alerts)
            self.urgent_box.setText(
                "<p><b>⚠ Seek medical attention</b></p>"
                + (f"<p>Not the usual pattern:</p><ul>{flagged}</ul>" if flagged else "")
                + "".join(
                    f"<p><b>{escape(c.tip.title)}</b> — {escape(c.reason)}"
                    f"<br>{escape(c.tip.body)}</p>"
                    for c in urgent
                )
            )
            self.urgent_area.show()
        else:
            self.urgent_area.hide()
        self.readiness_label.setText(self._readiness_html(advice))
        others = [chosen for chosen in advice.tips if not chosen.urgent]
        self.tips_label.setText(
            "".join(tip_html(chosen.tip, chosen.reason) for chosen in others)
            or "<p>No tips for this day.</p>"
        )

    @staticmethod
    def _readiness_html(advice: Advice) -> str:
        if not advice.readiness:
            return ""
        rows = []
        for item in advice.readiness:
            if item.ready_on is None:
                when = "later than expected"
            elif item.ready_on <= advice.date:
                when = "back to 2 or less"
            else:
                when = f"likely from {weekday_date(item.ready_on, year=False)}"
            rows.append(f"{escape(item.label)}: {when} <small>({escape(item.basis)})</small>")
        next_day = advice.next_leg_day
        if advice.alerts or advice.urgent:
            return "<p><b>Next leg day: have the warning above checked first.</b></p>"
        summary = (
            f"<p><b>Next leg day: likely fine from {weekday_date(next_day, year=False)}</b></p>"
            if next_day is not None and next_day > advice.date
            else "<p><b>Next leg day: your rated groups are back to 2 or less</b></p>"
            if next_day is not None
            else ""
        )
        return summary + "<p>" + "<br>".join(rows) + "</p>"


class TipsBrowser(QDialog):
    """Every tip, searchable and by category."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from legday_desktop.guidance.content import CATEGORIES, load_tips

        super().__init__(parent)
        self.setWindowTitle("All tips")
        self.tips = load_tips()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the tips")
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.addItem("All categories", "")
        for key, label in CATEGORIES.items():
            self.category.addItem(label, key)
        self.list = QListWidget()
        self.list.setAccessibleName("Tips")
        self.detail = QTextBrowser()
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
        layout.addWidget(QLabel(NOT_MEDICAL_ADVICE))
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
            self.detail.setHtml("<p>No tip matches.</p>")

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
