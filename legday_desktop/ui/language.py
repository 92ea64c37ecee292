"""The language the app speaks, changed while it runs: gettext's catalogue, QLocale, Qt's event.

``apply_language`` makes ``wording._`` answer in the new language, sets QLocale's default
(day and month names in date controls, numbers), loads Qt's own words for it (the
standard dialogs' buttons, a line edit's context menu: ``qtbase_<language>.qm``) and tells
every window with Qt's
``LanguageChange`` event. The main window then builds its menus and views again (plain
``_()`` calls in constructors translate anew); a dialog sets its texts again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from legday_desktop.domain.wording import SOURCE_LANGUAGE, use_language
from legday_desktop.domain.wording import language as language_in_use
from legday_desktop.services.preferences import Language


class _Words:
    """The language asked for last, and a count of changes (a window built before is stale)."""

    language: Language | None = None  # none asked for yet
    generation = 0
    qt_words: QTranslator | None = None


_words = _Words()


def words_generation() -> int:
    """Grows by one at each change of language: a window built at another is to be rebuilt."""
    return _words.generation


def apply_language(language: Language, *, tell: bool = True) -> bool:
    """Speak ``language`` from now on; False when it already was the one in use.

    ``tell`` sends Qt's LanguageChange to every window (not needed before any is built).
    """
    if language is _words.language:
        return False
    _words.language = language
    _words.generation += 1
    if language is Language.SYSTEM:
        use_language(None)
        QLocale.setDefault(QLocale.system())
    else:
        use_language([language.value])
        # The desktop's country where the language has it (Swiss German, British English);
        # Qt takes the language's own country where not.
        QLocale.setDefault(QLocale(_QT_LANGUAGES[language], QLocale.system().territory()))
    app = QCoreApplication.instance()
    _load_qt_words(app)
    if tell and app is not None:
        # QApplication passes it on to every window, and each window to its children.
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    return True


def _load_qt_words(app: QCoreApplication | None) -> None:
    """Qt's translation of its own words in Legday's language (none for English)."""
    if app is None:
        return
    if _words.qt_words is not None:
        QCoreApplication.removeTranslator(_words.qt_words)
        _words.qt_words = None
    spoken = language_in_use()
    if spoken == SOURCE_LANGUAGE:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(spoken), "qtbase", "_", folder):
        QCoreApplication.installTranslator(translator)
        _words.qt_words = translator


_QT_LANGUAGES = {
    Language.ENGLISH: QLocale.Language.English,
    Language.GERMAN: QLocale.Language.German,
}
