"""The ``legday`` command: opens the app, or runs a sub-command (demo, export, import …)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from legday_desktop.domain.wording import _, ngettext, use_language

if TYPE_CHECKING:
    from legday_desktop.services.journal import JournalService
    from legday_desktop.services.opening import JournalError

DATABASE_ENV = "LEGDAY_DB"
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class CommandError(Exception):
    """A sub-command failed in a way the user can act on; ``exit_code`` is 1 or 2."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, its ``usage:`` in the current language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, with its own words (headings, -h, errors) in the current language.

    argparse's messages about wrong arguments stay English: they come from the standard
    library's catalogue, which Python does not ship translated.
    """

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False  # our own -h, its help in the current language
        parents: Sequence[argparse.ArgumentParser] = kwargs.pop("parents", ())
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=_("show this help message and exit"),
            )
        for parent in parents:  # after -h, as argparse itself orders them
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, _error_line(_argparse_message(message), self.prog) + "\n")


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (importlib.metadata is slow)."""

    def __init__(
        self, option_strings: Sequence[str], dest: str, help: str | None = None, **_: object
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        import legday_desktop

        print(f"legday {legday_desktop.__version__}")
        parser.exit(EXIT_OK)


def _build_parser() -> argparse.ArgumentParser:
    database_help = _(
        "the journal's SQLite file (default: ${variable}, else the app's data folder)"
    ).format(variable=DATABASE_ENV)
    # --lang on every command, as --db: ``legday advice --lang de`` reads naturally.
    language = _Parser(add_help=False)
    language.add_argument(
        "--lang", metavar="LANG", default=argparse.SUPPRESS, help=_language_help()
    )
    parser = _Parser(
        prog="legday",
        description=_("Record leg-day soreness on a body map and follow how it fades."),
        epilog=_(
            "Qt's standard options (-platform NAME, -style NAME, -reverse, -stylesheet "
            "FILE, -qwindowgeometry WxH+X+Y …) are passed on to Qt."
        ),
    )
    parser.add_argument("--version", action=_VersionAction, help=_("print the version and exit"))
    parser.add_argument("--db", type=Path, metavar="PATH", help=database_help)
    parser.add_argument("--lang", metavar="LANG", help=_language_help())
    parser.add_argument(
        "--debug",
        action="store_true",
        help=_(
            "log everything, and echo the log on standard error (the log file is in the "
            "platform's state folder: ~/.local/state/legday/legday.log on Linux)"
        ),
    )
    parser.add_argument(
        "--tray",
        action="store_true",
        help=_(
            "start in the tray only, no window shown (as at login); the tray icon's Open shows it"
        ),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "open the window, wait until today's body map is painted with data, print "
            "one JSON line of timings and exit (for smoke tests and start-up measurements)"
        ),
    )
    parser.add_argument(
        "--with-charts",
        action="store_true",
        help=_("with --self-test: then also open the Charts tab and draw a chart"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    # Each sub-command accepts --db too; SUPPRESS keeps a top-level --db when it is absent.
    database = _Parser(add_help=False)
    database.add_argument(
        "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help=database_help
    )

    # Commands that write: the one writer, so they take the journal's lock.
    writer = _Parser(add_help=False)
    writer.add_argument(
        "--take-over-lock",
        action="store_true",
        help=_(
            "take the journal's lock over from Legday on another computer that is not "
            "running any more (it crashed, or was switched off); never while it still runs"
        ),
    )

    shown_date = _date_parent(_("the date to show (default: today)"))
    seen_from = _date_parent(_("the day the chart is seen from (default: today)"))
    advised_date = _date_parent(_("the date to advise on (default: today)"))

    demo = commands.add_parser(
        "demo",
        parents=[database, language, writer],
        help=_("fill an empty journal with a realistic demo history"),
        description=_(
            "Fill an empty journal with about four months of demo leg days, "
            "soreness ratings and check-ins, ending today."
        ),
    )
    demo.add_argument("--weeks", type=int, default=16, help=_("weeks of history (12–520)"))
    demo.add_argument("--seed", type=int, default=2026, help=_("seed of the random history"))

    export = commands.add_parser(
        "export",
        parents=[
            database,
            language,
            _output_parent(
                "FILE", required=False, help_text=_("write to FILE instead of standard output")
            ),
        ],
        help=_("write the journal as CSV or JSON"),
        description=_("Write the journal: CSV holds the soreness ratings, JSON everything."),
    )
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument(
        "--skip-damaged",
        action="store_true",
        help=_(
            "of a damaged journal, export every record that can still be read, and name "
            "(on standard error) each row left out"
        ),
    )

    commands.add_parser(
        "snapshot",
        parents=[database, language, shown_date, _output_parent("FILE.png")],
        help=_("render the main window for a date to a PNG"),
        description=_(
            "Render the main window (body map, legend, banner) for a date to a PNG "
            "image, without showing a window."
        ),
    )

    chart = commands.add_parser(
        "chart",
        parents=[database, language, seen_from, _output_parent("FILE")],
        help=_("render a chart to a PNG, SVG or PDF file"),
        description=_(
            "Render the recovery curve of a leg day, a comparison of the last leg "
            "days, or the timeline, to an image (the format follows the file's suffix)."
        ),
    )
    chart.add_argument("--kind", choices=("recovery", "compare", "timeline"), required=True)
    chart.add_argument(
        "--leg-day",
        type=_date_argument,
        metavar="YYYY-MM-DD",
        help=_("recovery: the leg day (default: the latest)"),
    )
    chart.add_argument(
        "--group", metavar="G", help=_("a muscle group id (e.g. quadriceps) or total")
    )
    chart.add_argument("--count", type=int, default=6, help=_("compare: how many leg days (6)"))
    chart.add_argument(
        "--range",
        choices=("4 weeks", "3 months", "year", "all"),
        default="3 months",
        help=_("timeline: how far back (3 months)"),
    )
    chart.add_argument(
        "--max",
        action="store_true",
        help=_("use the sorer side of each group instead of the mean of both"),
    )

    report = commands.add_parser(
        "report",
        parents=[database, language, _output_parent("FILE.pdf")],
        help=_("write a PDF report of a period for a clinician"),
        description=_(
            "Write an A4 PDF for a clinician: the period, body maps on days 1, 2 "
            "and 3 after a leg day, the recovery curve and timeline, peaks and recovery days "
            "per leg day, every warning symptom and pattern alert with its dates, and the "
            "notes. The journal is only read."
        ),
    )
    report.add_argument(
        "--from",
        dest="first",
        type=_date_argument,
        metavar="YYYY-MM-DD",
        help=_(
            "the period's first day (default: 4 weeks before its last, or the journal's "
            "first day if later)"
        ),
    )
    report.add_argument(
        "--to",
        dest="last",
        type=_date_argument,
        metavar="YYYY-MM-DD",
        help=_("the period's last day (default: today)"),
    )
    report.add_argument(
        "--leg-day",
        type=_date_argument,
        metavar="YYYY-MM-DD",
        help=_(
            "the leg day whose days 1–3 are drawn (default: the period's newest leg day "
            "rated on all three)"
        ),
    )

    advice = commands.add_parser(
        "advice",
        parents=[database, language, advised_date],
        help=_("print the tips and alerts chosen for a date"),
        description=_(
            "Print today's (or --date's) warnings, pattern alerts, tips with the "
            "reason each was chosen, and when each muscle group is likely recovered."
        ),
    )
    advice.add_argument("--json", action="store_true", help=_("print JSON instead of text"))

    forecast = commands.add_parser(
        "forecast",
        parents=[database, language],
        help=_("print the soreness forecast of a leg day, per muscle group, days 1-7"),
        description=_(
            "Print, per muscle group the leg day loads, the soreness predicted on "
            "days 1-7 after it with an 80 %% range, learnt from your other leg days with logged "
            "sets and ratings (the typical course until there are some), the number of leg days "
            "it rests on and its leave-one-out error (from 6 of them)."
        ),
    )
    forecast.add_argument(
        "--leg-day", type=_date_argument, required=True, metavar="YYYY-MM-DD", dest="leg_day"
    )
    forecast.add_argument("--json", action="store_true", help=_("print JSON instead of text"))

    backup = commands.add_parser(
        "backup",
        parents=[database, language],
        help=_("back up the journal (SQLite online backup)"),
        description=_(
            "Copy the journal with SQLite's online backup API, into FILE or into "
            "the backups folder beside it. Backups made with this command are never deleted; "
            "of the automatic ones (made daily and before upgrades) the newest --keep stay."
        ),
    )
    backup.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=_("the backup file (default: backups/<name>-<time>-manual.sqlite3)"),
    )
    backup.add_argument(
        "--keep",
        type=int,
        help=_(
            "automatic backups to keep in the backups folder (default: $LEGDAY_KEEP_BACKUPS, or 10)"
        ),
    )
    restore = commands.add_parser(
        "restore",
        parents=[database, language, writer],
        help=_("restore the journal from a backup"),
        description=_(
            "Make the journal hold what the backup FILE holds. The current journal "
            "is backed up first (or, if damaged, renamed beside itself); FILE is not changed."
        ),
    )
    restore.add_argument("file", type=Path, metavar="FILE")

    import_ = commands.add_parser(
        "import",
        parents=[database, language, writer],
        help=_("read an export back into the journal"),
        description=_(
            "Read a CSV or JSON export into the journal: all of it or nothing. "
            "Records already stored are skipped; a record that differs from a stored one "
            "stops the import unless --replace is given."
        ),
    )
    import_.add_argument("file", type=Path, metavar="FILE")
    import_.add_argument(
        "--replace",
        action="store_true",
        help=_("replace stored records that differ from the file's"),
    )

    workouts = commands.add_parser(
        "import-workouts",
        parents=[database, language, writer],
        help=_("read a training log (Strong, Hevy, FitNotes) into leg days with their sets"),
        description=_(
            "Read a training app's CSV export: each session in which at least a "
            "third of the working sets load leg muscles becomes a leg day with its sets (a leg "
            "day already logged on that date keeps its title and notes and gets the sets); the "
            "other sessions are skipped and counted. All of it or nothing; importing the same "
            "file again changes nothing."
        ),
    )
    workouts.add_argument("file", type=Path, metavar="FILE")
    workouts.add_argument(
        "--format",
        choices=("strong", "hevy", "fitnotes"),
        dest="app",
        help=_("the app that wrote FILE (default: told by its header)"),
    )
    workouts.add_argument(
        "--unit",
        choices=("kg", "lb"),
        help=_("the unit of FILE's weights, when the file does not say (Strong)"),
    )
    workouts.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="NAME=GROUP,GROUP",
        help=_(
            'what an exercise Legday does not know loads, e.g. "Hack Squat=quadriceps,'
            'glutes" (the first group is the prime mover; GROUP:0.6 gives a share); '
            '"Plank=" says it is not leg training. Kept for next time; may be repeated'
        ),
    )
    workouts.add_argument(
        "--preview",
        action="store_true",
        help=_("say what would be imported, and write nothing"),
    )
    return parser


# argparse's own messages about wrong arguments, as it words them in English (Python does
# not ship them translated), and how to find their parts; each is said again through ``_``.
_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (?P<arguments>.*)"), "required"),
    (re.compile(r"unrecognized arguments: (?P<arguments>.*)"), "unrecognized"),
    (re.compile(r"argument (?P<argument>[^:]+): (?P<message>.*)"), "argument"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"), "ambiguous"),
)
_ARGUMENT_PROBLEMS = (
    (re.compile(r"expected one argument"), "one"),
    (re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"), "choice"),
    (re.compile(r"invalid (?P<type>\S+) value: (?P<value>.*)"), "value"),
    (re.compile(r"not allowed with argument (?P<other>.*)"), "exclusive"),
)


def _argparse_message(message: str) -> str:
    """The English ``message`` of argparse in the current language, where it is one we know."""
    for pattern, kind in _ARGPARSE_MESSAGES:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        parts = found.groupdict()
        if kind == "required":
            return _("the following arguments are required: {arguments}").format(**parts)
        if kind == "unrecognized":
            return _("unrecognized arguments: {arguments}").format(**parts)
        if kind == "ambiguous":
            return _("ambiguous option: {option} could match {matches}").format(**parts)
        return _("argument {argument}: {message}").format(
            argument=parts["argument"], message=_argument_problem(parts["message"])
        )
    return message


def _argument_problem(message: str) -> str:
    for pattern, kind in _ARGUMENT_PROBLEMS:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        parts = found.groupdict()
        if kind == "one":
            return _("expected one argument")
        if kind == "choice":
            return _("invalid choice: {value} (choose from {choices})").format(**parts)
        if kind == "value":
            return _("invalid {type} value: {value}").format(**parts)
        return _("not allowed with argument {other}").format(**parts)
    return message  # ours already (a date that is not one), or one argparse rarely says


def _language_help() -> str:
    return _(
        "the language of the words, e.g. de or en (default: the environment's LANGUAGE, "
        "LC_ALL, LC_MESSAGES or LANG; English where there is no translation)"
    )


def _error_line(message: object, program: str = "legday") -> str:
    """``legday: error: …``, the one line a failed command writes on standard error."""
    return _("{program}: error: {message}").format(program=program, message=message)


def _cannot_write(path: Path, reason: object) -> str:
    return _("cannot write {path}: {reason}").format(path=path, reason=reason)


def language_asked(argv: Sequence[str]) -> str | None:
    """The language ``--lang LANG`` (or ``--lang=LANG``) asks for, wherever it stands.

    Read before the parser is built, so that the help texts are in that language too.
    """
    items = iter(argv)
    for item in items:
        if item == "--":
            break
        if item == "--lang":
            return next(items, None)
        if item.startswith("--lang="):
            return item.removeprefix("--lang=")
    return None


def _date_parent(help_text: str) -> _Parser:
    """The ``--date`` option, shared by the commands that show or advise on a day."""
    parent = _Parser(add_help=False)
    parent.add_argument("--date", type=_date_argument, metavar="YYYY-MM-DD", help=help_text)
    return parent


def _output_parent(metavar: str, *, required: bool = True, help_text: str | None = None) -> _Parser:
    """``-o/--output`` and ``--force``, shared by the commands that write a file."""
    parent = _Parser(add_help=False)
    parent.add_argument(
        "-o", "--output", type=Path, metavar=metavar, required=required, help=help_text
    )
    parent.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    return parent


# Options that name a day which must not be in the future, with their spelling.
_NOT_FUTURE_OPTIONS = {"date": "--date", "last": "--to"}


def _refuse_future_dates(arguments: argparse.Namespace, today: dt.date) -> None:
    """The one place that says a date given on the command line is in the future."""
    for dest, option in _NOT_FUTURE_OPTIONS.items():
        value = getattr(arguments, dest, None)
        if value is not None and value > today:
            raise CommandError(
                _("{option} {date} is in the future").format(option=option, date=value.isoformat()),
                EXIT_BAD_INPUT,
            )


def _date_argument(text: str) -> dt.date:
    from legday_desktop.exchange.text_fields import parse_iso_date

    try:
        return parse_iso_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _database_path(arguments: argparse.Namespace) -> Path:
    if arguments.db is not None:
        return Path(arguments.db)
    if os.environ.get(DATABASE_ENV):
        return Path(os.environ[DATABASE_ENV])
    from legday_desktop.paths import default_database_path

    return default_database_path()


def _demo(arguments: argparse.Namespace) -> int:
    from legday_desktop.services.exchange import fill_demo

    if not 12 <= arguments.weeks <= 520:
        raise CommandError(
            _("{option} must be from {least} to {most}").format(
                option="--weeks", least=12, most=520
            ),
            EXIT_BAD_INPUT,
        )
    path = _database_path(arguments)
    filled = fill_demo(
        path,
        weeks=arguments.weeks,
        seed=arguments.seed,
        today=dt.date.today(),
        take_over_lock=arguments.take_over_lock,
    )
    print(
        _("Filled {path} with {leg_days}, {ratings} and {check_ins}.").format(
            path=path,
            leg_days=ngettext("{count} leg day", "{count} leg days", filled.leg_days).format(
                count=filled.leg_days
            ),
            ratings=ngettext(
                "{count} soreness rating", "{count} soreness ratings", filled.ratings
            ).format(count=filled.ratings),
            check_ins=ngettext("{count} check-in", "{count} check-ins", filled.check_ins).format(
                count=filled.check_ins
            ),
        )
    )
    return EXIT_OK


def _existing_journal(arguments: argparse.Namespace) -> Path:
    """The journal to read; commands that only read never create one."""
    path = _database_path(arguments)
    if not path.exists():
        raise CommandError(_("there is no journal at {path}").format(path=path), EXIT_BAD_INPUT)
    return path


def _check_output(output: Path, journal: Path, *, force: bool) -> None:
    """Refuse to write over the journal itself, or over any file without --force."""
    journal_files = {Path(f"{journal}{suffix}").resolve() for suffix in ("", "-wal", "-shm")}
    if output.resolve() in journal_files:
        raise CommandError(
            _("{file} is the journal itself; choose another file").format(file=output),
            EXIT_BAD_INPUT,
        )
    if (output.exists() or output.is_symlink()) and not force:
        # A symlink counts, also a dangling one: --force replaces the link, never its target.
        raise CommandError(
            _("{file} exists; add --force to replace it").format(file=output), EXIT_BAD_INPUT
        )


def _export(arguments: argparse.Namespace) -> int:
    path = _existing_journal(arguments)
    output: Path | None = arguments.output
    if output is not None:
        _check_output(output, path, force=arguments.force)
    data = _exported(path, arguments.format, skip_damaged=arguments.skip_damaged)
    from legday_desktop.services.exchange import too_large_to_import_back

    note = too_large_to_import_back(len(data))
    if note is not None:
        print(_("legday: note: {note}").format(note=note), file=sys.stderr)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    _write_file_atomically(output, data)
    return EXIT_OK


def _exported(path: Path, export_format: str, *, skip_damaged: bool) -> bytes:
    """The export's bytes; of a damaged journal, with ``skip_damaged``, what can be read."""
    from legday_desktop.services.exchange import export_journal, export_readable
    from legday_desktop.services.opening import DamagedJournalError

    try:
        return export_journal(path, export_format)
    except DamagedJournalError as error:
        if not skip_damaged:
            raise CommandError(
                _(
                    "{error} (legday export --skip-damaged writes every record that can still "
                    "be read; legday restore puts a backup in its place)"
                ).format(error=error)
            ) from error
    readable = export_readable(path, export_format)
    for row in readable.left_out:
        print(
            printable(_("legday: left out of the export: {row}").format(row=row)), file=sys.stderr
        )
    print(
        printable(
            _("legday: exported {summary} from the damaged journal {path}").format(
                summary=readable.summary, path=path
            )
        ),
        file=sys.stderr,
    )
    return readable.data


def _write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, owner-only (see file_writing)."""
    from legday_desktop.file_writing import write_atomically

    try:
        write_atomically(path, data)
    except OSError as error:
        raise CommandError(_cannot_write(path, error.strerror)) from error


def _import(arguments: argparse.Namespace) -> int:
    from legday_desktop.services.exchange import import_file

    path = _database_path(arguments)
    imported = import_file(
        path,
        arguments.file,
        today=dt.date.today(),
        replace=arguments.replace,
        take_over_lock=arguments.take_over_lock,
    )
    summary = imported.summary
    print(
        _(
            "Imported {file} into {path}: {added} added, {replaced} replaced, "
            "{unchanged} already there."
        ).format(
            file=arguments.file,
            path=path,
            added=summary.added,
            replaced=summary.replaced,
            unchanged=summary.unchanged,
        )
    )
    return EXIT_OK


def _import_workouts(arguments: argparse.Namespace) -> int:
    from legday_desktop.domain.exercises import parse_mapping
    from legday_desktop.domain.regions import GROUP_IDS
    from legday_desktop.domain.training import WeightUnit
    from legday_desktop.services.workouts import (
        NoLegTrainingError,
        describe_plan,
        import_workouts,
        no_leg_training,
        plan_import,
        sessions_of,
    )

    try:
        mappings = [parse_mapping(text, GROUP_IDS) for text in arguments.map]
    except ValueError as error:
        raise CommandError(f"--map {error}", EXIT_BAD_INPUT) from None  # the option, then why
    path = _database_path(arguments)
    unit = None if arguments.unit is None else WeightUnit(arguments.unit)
    file: Path = arguments.file
    if arguments.preview:
        from legday_desktop.services.opening import Access, open_journal

        opened = open_journal(path, Access.READ) if path.exists() else None
        try:
            plan = plan_import(
                None if opened is None else opened.store,
                sessions_of(file, app=arguments.app, unit=unit),
                source=file.name,
                new_mappings=mappings,
                today=dt.date.today(),
            )
        finally:
            if opened is not None:
                opened.close()
        if not plan.found_leg_training:
            raise NoLegTrainingError(no_leg_training(file, plan))
        print(printable("\n".join([_("Nothing written (--preview)."), *describe_plan(plan)])))
        return EXIT_OK
    plan = import_workouts(
        path,
        file,
        app=arguments.app,
        unit=unit,
        new_mappings=mappings,
        today=dt.date.today(),
        take_over_lock=arguments.take_over_lock,
    )
    lines = [
        _("Imported {file} into {path}:").format(file=file, path=path),
        *describe_plan(plan, detail=False, done=True),
    ]
    print(printable("\n".join(lines)))
    return EXIT_OK


def _reader(path: Path) -> JournalService:
    """A journal service that only reads ``path`` (no writer lock)."""
    from legday_desktop.services.journal import JournalService
    from legday_desktop.services.opening import Access

    service = JournalService(path, access=Access.READ)
    service.open()
    return service


def _snapshot(arguments: argparse.Namespace) -> int:
    output: Path = arguments.output
    date = arguments.date or dt.date.today()
    if output.suffix.lower() != ".png":
        raise CommandError(
            _("{file}: the image must be a .png file").format(file=output), EXIT_BAD_INPUT
        )
    path = _existing_journal(arguments)
    _check_output(output, path, force=arguments.force)
    from legday_desktop.app import render_snapshot

    try:
        render_snapshot(path, date, output)
    except OSError as error:
        raise CommandError(_cannot_write(output, error.strerror or error)) from error
    print(_("Wrote {file} ({date}).").format(file=output, date=date.isoformat()))
    return EXIT_OK


def _chart(arguments: argparse.Namespace) -> int:
    output: Path = arguments.output
    if output.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise CommandError(
            _("{file}: the file must end in .png, .svg or .pdf").format(file=output), EXIT_BAD_INPUT
        )
    today = dt.date.today()
    shown = arguments.date or today
    path = _existing_journal(arguments)
    _check_output(output, path, force=arguments.force)

    from legday_desktop.domain.errors import DomainError
    from legday_desktop.domain.recovery import SideMode, TimeRange
    from legday_desktop.services.charts import ChartKind, ChartRequest, chart_data

    try:
        request = ChartRequest(
            kind=ChartKind(arguments.kind),
            shown=shown,
            today=today,
            leg_day=arguments.leg_day,
            group=arguments.group,
            count=arguments.count,
            time_range=TimeRange(arguments.range),
            mode=SideMode.MAX if arguments.max else SideMode.MEAN,
        )
        service = _reader(path)
        try:
            data = chart_data(service, request)
        finally:
            service.close()
    except DomainError as error:
        raise CommandError(f"{error.field}: {error.problem}", EXIT_BAD_INPUT) from error

    from legday_desktop.charts.render import save_chart

    try:
        save_chart(output, request.kind, data, shown)
    except OSError as error:
        raise CommandError(_cannot_write(output, error.strerror)) from error
    print(_("Wrote {file}.").format(file=output))
    return EXIT_OK


def _report(arguments: argparse.Namespace) -> int:
    output: Path = arguments.output
    if output.suffix.lower() != ".pdf":
        raise CommandError(
            _("{file}: the report must be a .pdf file").format(file=output), EXIT_BAD_INPUT
        )
    today = dt.date.today()
    first: dt.date | None = arguments.first
    last: dt.date | None = arguments.last
    if first is not None and first > (last or today):
        if last is not None:
            message = _("--from {first} is after --to {last}")
        else:
            message = _("--from {first} is after today ({today})")
        raise CommandError(
            message.format(
                first=first.isoformat(),
                last=last.isoformat() if last else "",
                today=today.isoformat(),
            ),
            EXIT_BAD_INPUT,
        )
    path = _existing_journal(arguments)
    _check_output(output, path, force=arguments.force)

    from legday_desktop.services.report import ReportError, gather_report

    service = _reader(path)
    try:
        data = gather_report(
            service, first=first, last=last, leg_day=arguments.leg_day, today=today
        )
    except ReportError as error:
        raise CommandError(str(error), EXIT_BAD_INPUT) from error
    finally:
        service.close()

    from legday_desktop.drawing.report_pdf import write_report_pdf_file

    try:
        pages = write_report_pdf_file(data, output)
    except OSError as error:
        raise CommandError(_cannot_write(output, error.strerror or error)) from error
    print(
        ngettext("Wrote {file} ({count} page).", "Wrote {file} ({count} pages).", pages).format(
            file=output, count=pages
        )
    )
    return EXIT_OK


def _advice(arguments: argparse.Namespace) -> int:
    date = arguments.date or dt.date.today()
    path = _existing_journal(arguments)
    from legday_desktop.guidance.report import advice_json, advice_text
    from legday_desktop.services.advice import advice_for

    service = _reader(path)
    try:
        advice = advice_for(service, date)
    finally:
        service.close()
    if arguments.json:
        text = _CONTROL_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", advice_json(advice))
    else:
        text = printable(advice_text(advice))
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return EXIT_OK


def _forecast(arguments: argparse.Namespace) -> int:
    import json

    from legday_desktop.services.forecast import NoSuchLegDayError, forecast_for, forecast_text

    path = _existing_journal(arguments)
    service = _reader(path)
    try:
        forecast = forecast_for(service, arguments.leg_day)
    except NoSuchLegDayError as error:
        raise CommandError(str(error), EXIT_BAD_INPUT) from error
    finally:
        service.close()
    if arguments.json:
        text = json.dumps(forecast.to_json(), ensure_ascii=False, indent=1) + "\n"
        text = _CONTROL_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", text)
    else:
        text = printable(forecast_text(forecast))
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return EXIT_OK


def _backup(arguments: argparse.Namespace) -> int:
    from legday_desktop.services.safekeeping import MAX_KEEP, back_up

    if arguments.keep is not None and not 1 <= arguments.keep <= MAX_KEEP:
        raise CommandError(
            _("{option} must be from {least} to {most}").format(
                option="--keep", least=1, most=MAX_KEEP
            ),
            EXIT_BAD_INPUT,
        )
    path = _existing_journal(arguments)
    if arguments.output is not None:
        _check_output(arguments.output, path, force=False)
    written = back_up(path, arguments.output, keep=arguments.keep)
    print(_("Backed up {path} to {backup}.").format(path=path, backup=written))
    return EXIT_OK


def _restore(arguments: argparse.Namespace) -> int:
    from legday_desktop.services.safekeeping import restore_journal

    path = _database_path(arguments)
    if arguments.file.resolve() == path.resolve():
        raise CommandError(
            _("{file} is the journal itself").format(file=arguments.file), EXIT_BAD_INPUT
        )
    restored = restore_journal(path, arguments.file, take_over_lock=arguments.take_over_lock)
    if restored.safety_backup is not None:
        message = _("Restored {path} from {file}; the journal as it was is in {kept}.")
        kept = restored.safety_backup
    elif restored.set_aside is not None:
        message = _("Restored {path} from {file}; the damaged journal was kept as {kept}.")
        kept = restored.set_aside
    elif restored.stale_side_files is not None:
        message = _(
            "Restored {path} from {file}; the -wal and -shm files left beside it by an "
            "earlier journal were kept as {kept}-wal and -shm."
        )
        kept = restored.stale_side_files
    else:
        message, kept = _("Restored {path} from {file}."), None
    print(message.format(path=path, file=arguments.file, kept=kept))
    return EXIT_OK


_COMMANDS = {
    "demo": _demo,
    "export": _export,
    "import": _import,
    "import-workouts": _import_workouts,
    "snapshot": _snapshot,
    "chart": _chart,
    "report": _report,
    "advice": _advice,
    "forecast": _forecast,
    "backup": _backup,
    "restore": _restore,
}


def _exit_code_of(error: JournalError) -> int:
    """2 for input the user can correct (a bad file or path), 1 for everything else."""
    from legday_desktop.services.exchange import ImportRejectedError
    from legday_desktop.services.opening import BadPathError

    return EXIT_BAD_INPUT if isinstance(error, ImportRejectedError | BadPathError) else EXIT_FAILURE


# Characters a terminal acts on instead of showing (escape sequences that set the title or
# clear the screen, C1 controls, text-direction overrides). Line breaks and tabs stay.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In JSON, C0 controls are escaped already; these are not.
_CONTROL_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""``text`` with every character a terminal would act on shown as an escape (\x1b)."""
    return _CONTROL.sub(
        lambda match: (
            f"\\x{ord(match[0]):02x}" if ord(match[0]) < 0x100 else f"\\u{ord(match[0]):04x}"
        ),
        text,
    )


# Qt's standard options (QGuiApplication and QApplication), with whether each takes a value.
_QT_OPTIONS = {
    "platform": True,
    "platformpluginpath": True,
    "platformtheme": True,
    "plugin": True,
    "qwindowgeometry": True,
    "qwindowicon": True,
    "qwindowtitle": True,
    "display": True,
    "geometry": True,
    "style": True,
    "stylesheet": True,
    "session": True,
    "reverse": False,
    "widgetcount": False,
    "nograb": False,
    "dograb": False,
    "sync": False,
}


def split_qt_arguments(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(Legday's arguments, Qt's standard options) of ``argv``: ``-style Fusion`` goes to Qt.

    Qt spells them with one dash (``-platform xcb``) or two, and with ``=`` or a space.
    """
    ours: list[str] = []
    qt: list[str] = []
    items = iter(argv)
    for item in items:
        name, equals, _value = item.lstrip("-").partition("=")
        takes_value = _QT_OPTIONS.get(name)
        if not item.startswith("-") or takes_value is None or item == "--":
            ours.append(item)
            continue
        qt.append(f"-{name}")
        if takes_value:
            value = _value if equals else next(items, None)
            if value is None:
                raise CommandError(
                    _("the Qt option {option} needs a value").format(option=f"-{name}"),
                    EXIT_BAD_INPUT,
                )
            qt.append(value)
    return ours, qt


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``legday`` with ``argv`` (default: the process arguments); return the exit code."""
    try:
        ours, qt_arguments = split_qt_arguments(sys.argv[1:] if argv is None else argv)
    except CommandError as error:
        print(printable(_error_line(error)), file=sys.stderr)
        return error.exit_code
    # Each run in the language asked for, else the environment's (as on import).
    language = language_asked(ours)
    use_language([language] if language else None)
    arguments = _build_parser().parse_args(ours)
    if qt_arguments:  # for the window, and for the commands that render with Qt (snapshot)
        from legday_desktop import app

        app.QT_ARGUMENTS[:] = qt_arguments
    try:
        if arguments.command is None:
            from legday_desktop.app import NoDisplayError, run_app, run_self_test

            path = _database_path(arguments)
            try:
                if arguments.with_charts and not arguments.self_test:
                    raise CommandError(_("--with-charts goes with --self-test"), EXIT_BAD_INPUT)
                if arguments.tray and arguments.self_test:
                    raise CommandError(_("--tray does not go with --self-test"), EXIT_BAD_INPUT)
                if arguments.self_test:
                    return run_self_test(path, with_charts=arguments.with_charts)
                return run_app(path, debug=arguments.debug, tray=arguments.tray)
            except NoDisplayError as error:
                raise CommandError(str(error)) from error
        _refuse_future_dates(arguments, dt.date.today())
        if arguments.debug:
            from legday_desktop.logs import start_logging

            start_logging(debug=True)
        return _COMMANDS[arguments.command](arguments)
    except CommandError as error:
        print(printable(_error_line(error)), file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # What reads the output stopped early (``| head``): the rest goes nowhere, quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        from legday_desktop.services.opening import (
            DamagedJournalError,
            JournalError,
            LockedOnAnotherHostError,
        )

        if isinstance(error, JournalError):
            hint = ""
            if isinstance(error, DamagedJournalError):
                hint = " " + _(
                    "(legday restore puts a backup from its backups folder in its place)"
                )
            elif (
                isinstance(error, LockedOnAnotherHostError) and not error.held_now
            ) and arguments.command in (
                "demo",
                "import",
                "import-workouts",
                "restore",
            ):
                hint = ". " + _(
                    "If Legday is not running on {host} any more, run the command "
                    "again with --take-over-lock"
                ).format(host=error.host)
            print(printable(_error_line(f"{error}{hint}")), file=sys.stderr)
            return _exit_code_of(error)
        # A bug: still one line and exit code 1, never a traceback (PRODUCT.md).
        print(
            printable(
                _error_line(
                    _(
                        "unexpected {kind}: {error} (please report this; no data was changed "
                        "by the failed step)"
                    ).format(kind=type(error).__name__, error=error)
                )
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE
