"""The terminal side of `drafter session`: rich output, readline input, streaming, Ctrl-C and Ctrl-D handling."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from drafter.errors import DrafterError, InputError
from drafter.session import (COMMANDS, Command, Session, completions, help_lines, latest_unfinished, load_session,
                             parse_command)

REVIEW_KEYS = "[a]ccept (Enter) [r]egen [e]dit [f]act+redraft"
RETRY_KEYS = "[r]etry (Enter) [e]dit [a]ccept empty [f]act+redraft"


class Leave(Exception):
    """The user asked to leave (Ctrl-D or /quit); the state is already saved."""


class Handled(Exception):
    """A slash command ran at a prompt; the caller's question is asked again from the current state."""


def refuse_without_terminal() -> None:
    """Stop with one line (exit 2) when stdin is not a terminal: scripts and pipes have `drafter draft`."""
    if not sys.stdin.isatty():
        raise InputError("drafter session needs a terminal; use 'drafter draft FACTS' for files and pipes")


def make_console():
    """The session's rich console on stdout; plain (no colour) with NO_COLOR."""
    from rich.console import Console

    return Console(no_color=bool(os.environ.get("NO_COLOR")), highlight=False, soft_wrap=False)


class WrapWriter:
    """Writes streamed text to the console word-wrapped at its width, holding back a word cut between chunks."""

    def __init__(self, write, width: int) -> None:
        self.write = write
        self.width = max(20, width)
        self.column = 0
        self.pending = ""

    def feed(self, chunk: str) -> None:
        """Take a chunk; print every complete word it finishes."""
        text = self.pending + chunk
        cut = max(text.rfind(" "), text.rfind("\n"))
        self.pending = text[cut + 1:]
        self._emit(text[:cut + 1])

    def close(self) -> None:
        """Print the held-back word and end the line."""
        self._emit(self.pending)
        self.pending = ""
        if self.column:
            self.write("\n")
        self.column = 0

    def _emit(self, text: str) -> None:
        import re

        for piece in re.split(r"( +|\n)", text):
            if not piece:
                continue
            if piece == "\n":
                self.write("\n")
                self.column = 0
            elif piece.isspace():
                if self.column and self.column + len(piece) < self.width:
                    self.write(piece)
                    self.column += len(piece)
            else:
                if self.column and self.column + len(piece) > self.width:
                    self.write("\n")
                    self.column = 0
                self.write(piece)
                self.column += len(piece)


class SessionUI:
    """Runs a Session in a terminal: asks, streams, reviews; every change goes through Session (which autosaves)."""

    def __init__(self, session: Session, settings, backend, console=None, resumed: bool = False,
                 last_engine: str = "") -> None:
        self.session = session
        self.last_engine = last_engine
        self.settings = settings
        self.backend = backend
        self.console = console or make_console()
        self.resumed = resumed
        self.shown: set[int] = set()
        self.final_revision = -1
        self.facts_intro = False
        self.readline = None

    # input --------------------------------------------------------------------------------------------------------

    def setup_readline(self) -> None:
        """Line editing, history (kept in $DRAFTER_HOME) and Tab completion of commands, sections and roles."""
        try:
            import readline
        except ImportError:
            return
        self.readline = readline
        readline.set_completer(self._complete)
        readline.set_completer_delims(" \t\n")
        if "libedit" in (readline.__doc__ or ""):
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")
        readline.set_history_length(1000)
        try:
            readline.read_history_file(self.history_path())
        except OSError:
            pass

    def save_history(self) -> None:
        """Write the input history back for the next session."""
        if self.readline is None:
            return
        try:
            self.history_path().parent.mkdir(parents=True, exist_ok=True)
            self.readline.write_history_file(self.history_path())
        except OSError:
            pass

    @staticmethod
    def history_path() -> Path:
        """The readline history file."""
        from drafter.config import drafter_home

        return drafter_home() / "session_history"

    def _complete(self, text: str, state: int) -> str | None:
        if state == 0:
            from drafter.roles import all_roles

            line = self.readline.get_line_buffer()[: self.readline.get_endidx()]
            try:
                roles = sorted(all_roles())
            except DrafterError:
                roles = []
            self._candidates = completions(line, self.session, roles)
        return self._candidates[state] if state < len(self._candidates) else None

    def read(self, prompt: str, prefill: str = "") -> str:
        """One line from the user: Ctrl-C clears the line and asks again, Ctrl-D leaves."""
        while True:
            if prefill and self.readline is not None:
                self.readline.set_startup_hook(lambda: self.readline.insert_text(prefill))
            try:
                return input(prompt)
            except KeyboardInterrupt:
                self.console.print()
                continue
            except EOFError:
                self.console.print()
                raise Leave() from None
            finally:
                if self.readline is not None:
                    self.readline.set_startup_hook(None)

    def ask(self, prompt: str) -> str:
        """Read a line; a slash command is run at once and raises Handled so the caller re-reads the state."""
        line = self.read(prompt)
        command = self.try_parse(line)
        if command is None:
            return line.strip()
        self.run_command(command)
        raise Handled()

    def try_parse(self, line: str) -> Command | None:
        """A Command from the line, None for plain input; a bad command is shown and the question asked again."""
        try:
            return parse_command(line)
        except InputError as exc:
            self.error(exc)
            raise Handled() from None

    def confirm(self, question: str, default: bool = False) -> bool:
        """A yes/no question; Enter takes the default."""
        answer = self.read(f"{question} [{'Y/n' if default else 'y/N'}] ").strip().lower()
        return default if not answer else answer in ("y", "yes")

    # output -------------------------------------------------------------------------------------------------------

    def say(self, text: str = "", style: str | None = None) -> None:
        """Print text literally (no rich markup), optionally styled."""
        self.console.print(text, style=style, markup=False, highlight=False)

    def rule(self, title: str) -> None:
        """A horizontal rule with a title taken literally (no rich markup)."""
        from rich.text import Text

        self.console.rule(Text(title), align="left")

    def error(self, exc: DrafterError | str) -> None:
        """A fault as one line (plus its hint), and the session goes on."""
        if isinstance(exc, DrafterError):
            message = exc.message + (f" ({exc.hint})" if exc.hint else "")
        else:
            message = str(exc)
        self.say(f"error: {message}", style="bold red")

    def status_line(self) -> None:
        """Role, backend/model, sections accepted, tokens used."""
        s = self.session
        tokens = s.input_tokens + s.output_tokens
        total = len(s.sections)
        engine = engine_name(self.backend.name, self.backend.model)
        parts = [s.role or "(no role)", engine, f"{s.done_count}/{total} accepted", f"{len(s.facts)} fact{'' if len(s.facts) == 1 else 's'}",
                 f"{'≈' if s.tokens_estimated else ''}{tokens} tokens"]
        self.say(" · ".join(parts), style="dim")

    def show_help(self) -> None:
        """The /help text: commands, review keys, what Ctrl-C and Ctrl-D do."""
        self.say("Commands (Tab completes them):", style="bold")
        for line in help_lines():
            self.say("  " + line)
        self.say("Reviewing a section: a accept, r regenerate, e edit, f add a fact and redraft it.")
        self.say("Ctrl-C stops a section being drafted (keeping its text) or clears the line; "
                 "Ctrl-D leaves (the session is kept).")

    def show_role_menu(self) -> list[str]:
        """The numbered role table; return the role ids in menu order."""
        from rich.table import Table

        from drafter.roles import all_roles

        roles = sorted(all_roles().values(), key=lambda r: r.id)
        table = Table(title="Roles", title_justify="left", expand=False)
        table.add_column("#", justify="right")
        table.add_column("role")
        table.add_column("description", overflow="fold")
        for number, role in enumerate(roles, 1):
            table.add_row(str(number), role.id, role.description or role.name)
        self.console.print(table)
        return [r.id for r in roles]

    def show_facts(self) -> None:
        """The facts, numbered, each with the section it goes to."""
        s = self.session
        if not s.facts:
            self.say("No facts yet.")
            return
        where: dict[str, str] = {}
        if s.role:
            for planned in s.plan():
                for fact in planned.facts:
                    where.setdefault(fact.text, planned.section.id)
        for number, fact in enumerate(s.facts, 1):
            target = f"  → {where[fact['text']]}" if fact["text"] in where else ""
            self.say(f"{number:>3}. {fact['text']}{target}")

    def show_plan(self) -> None:
        """The section plan as a table: section, its facts (numbered), status."""
        from rich.table import Table

        s = self.session
        numbers = {f["text"]: n for n, f in enumerate(s.facts, 1)}
        table = Table(title="Section plan", title_justify="left")
        table.add_column("#", justify="right")
        table.add_column("section", max_width=26, overflow="fold")
        table.add_column("facts", overflow="fold")
        table.add_column("status")
        for index, planned in enumerate(s.plan()):
            facts = "\n".join(f"{numbers.get(f.text, '?')}. {shorten(f.text, 60)}" for f in planned.facts)
            table.add_row(str(index + 1), planned.section.title, facts or "(all facts, briefly)",
                          s.sections[index].status if index < len(s.sections) else "pending")
        self.console.print(table)

    def show_section(self, index: int) -> None:
        """One section under a rule with its number, title and status."""
        section = self.session.sections[index]
        note = f" [{section.status}{': ' + section.error if section.error else ''}]" if section.status != "draft" else ""
        self.rule(f"{index + 1}/{len(self.session.sections)} {section.title}{note}")
        self.say(section.text or "(empty)")

    def show_summary(self) -> None:
        """/show: the summary exactly as /save writes it (cleaned and grounded), the sections not accepted yet,
        then the status line."""
        s = self.session
        try:
            draft = s.finished_draft()
        except InputError:
            draft = None
        if draft is None:
            self.say("Nothing drafted yet.")
        else:
            self.rule("the summary as /save writes it")
            self.show_document(draft.markdown())
        waiting = [f"{n} {sec.title} ({sec.status})" for n, sec in enumerate(s.sections, 1) if sec.status != "accepted"]
        if waiting:
            self.say("not accepted yet: " + ", ".join(waiting), style="dim")
        self.status_line()

    def show_review(self, index: int) -> None:
        """A drafted section's cleanup and grounding findings, one line each, before it is accepted."""
        try:
            review = self.session.review_section(index)
        except DrafterError as exc:
            self.error(exc)
            return
        if not review.text:
            if review.edits:
                self.say(review.edit_summary() + ": nothing is left of this section", style="yellow")
            return
        if review.edits:
            self.say(review.edit_summary() + "; /show gives the cleaned text")
        else:
            self.say(review.edit_summary(), style="dim")
        findings = review.finding_lines()
        if not findings:
            self.say("Grounding: every claim matches its fact", style="dim")
            return
        self.say(f"Grounding: {len(findings)} finding{'' if len(findings) == 1 else 's'}", style="bold yellow")
        for line in findings:
            self.say("  " + shorten(line, max(20, self.console.width - 3)), style="yellow")

    def show_report(self, draft) -> None:
        """The cleanup report (what was removed or changed) and the grounding warnings."""
        from drafter.cleanup import format_edit

        edits = list(getattr(draft.cleanup, "edits", None) or [])
        if draft.cleanup is not None:
            self.say(f"Cleanup: {len(edits)} edit{'s' if len(edits) != 1 else ''}", style="bold")
            for edit in edits:
                self.say("  - " + format_edit(edit, 70))
        if draft.warnings:
            self.say(f"Grounding: {len(draft.warnings)} warning{'s' if len(draft.warnings) != 1 else ''}",
                     style="bold yellow")
            for line in draft.warnings:
                self.say(f"  warning: {line}", style="yellow")
        else:
            self.say("Grounding: every number and name is in the facts.", style="bold")

    # drafting -----------------------------------------------------------------------------------------------------

    def draft(self, index: int) -> None:
        """Stream one section: a spinner until the first token, then the words as they come."""
        s = self.session
        section = s.sections[index]
        self.rule(f"{index + 1}/{len(s.sections)} {section.title}")
        writer = WrapWriter(self._write, self.console.width)
        spinner = self.console.status("waiting for the first token… (Ctrl-C stops this section)", spinner="dots")
        spinner.start()
        state = {"spinning": True}

        def on_chunk(chunk: str) -> None:
            if state["spinning"]:
                spinner.stop()
                state["spinning"] = False
            writer.feed(chunk)

        try:
            outcome = s.draft_section(index, self.backend, self.settings, on_chunk)
        except DrafterError as exc:
            outcome = "error"
            spinner.stop()
            writer.close()
            kept = f" (kept {len(section.text)} characters)" if section.text else ""
            self.error(f"{exc.message}{kept}")
        finally:
            spinner.stop()
        if outcome != "error":
            writer.close()
        if outcome == "interrupted":
            self.say(f"stopped: section kept as partial ({len(section.text)} characters)", style="yellow")
        if section.text.strip():
            self.show_review(index)
        self.shown.add(index)
        self.status_line()

    def _write(self, text: str) -> None:
        self.console.file.write(text)
        self.console.file.flush()

    def edit(self, index: int) -> None:
        """Edit a section's text in $VISUAL/$EDITOR, or paragraph by paragraph at the prompt when none is set."""
        section = self.session.sections[index]
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if editor:
            text = self.edit_in_editor(editor, section.text)
        else:
            text = self.edit_inline(section.text)
        if text is None:
            return
        if self.session.set_text(index, text):
            self.say(f"{section.title}: edited", style="green")
            self.shown.discard(index)
        else:
            self.say(f"{section.title}: unchanged")

    def edit_in_editor(self, editor: str, text: str) -> str | None:
        """The text after editing it in `editor` (a temp file); None when the editor failed."""
        with tempfile.TemporaryDirectory(prefix="drafter-edit-") as folder:
            path = Path(folder) / "section.md"
            path.write_text(text.strip() + "\n", encoding="utf-8")
            try:
                code = subprocess.call([*shlex.split(editor), str(path)])
            except (OSError, ValueError) as exc:
                self.error(f"cannot run the editor {editor!r} ({exc})")
                return None
            if code != 0:
                self.error(f"the editor {editor!r} exited with code {code}; the section is unchanged")
                return None
            return path.read_text(encoding="utf-8")

    def edit_inline(self, text: str) -> str | None:
        """The text after editing it paragraph by paragraph with readline; None when cancelled."""
        self.say("Edit each paragraph on its line (arrows, Ctrl-A, Ctrl-E); clear a line to delete the paragraph; "
                 "Ctrl-C cancels.", style="dim")
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        result: list[str] = []
        try:
            for number, paragraph in enumerate(paragraphs, 1):
                line = self._read_interruptible(f"¶{number}> ", paragraph)
                if line.strip():
                    result.append(line.strip())
            while True:
                line = self._read_interruptible("new paragraph (Enter to finish)> ", "")
                if not line.strip():
                    break
                result.append(line.strip())
        except KeyboardInterrupt:
            self.say("\nedit cancelled; the section is unchanged")
            return None
        return "\n\n".join(result)

    def _read_interruptible(self, prompt: str, prefill: str) -> str:
        if prefill and self.readline is not None:
            self.readline.set_startup_hook(lambda: self.readline.insert_text(prefill))
        elif prefill:
            self.say(prefill)
        try:
            line = input(prompt)
        except EOFError:
            raise Leave() from None
        finally:
            if self.readline is not None:
                self.readline.set_startup_hook(None)
        return line if line or self.readline is not None else prefill

    # commands -----------------------------------------------------------------------------------------------------

    def run_command(self, command: Command) -> None:
        """Run one slash command; an expected fault is shown in one line and the session goes on."""
        handler = getattr(self, "cmd_" + command.name[1:])
        try:
            handler(command.arg)
        except DrafterError as exc:
            self.error(exc)

    def cmd_help(self, arg: str) -> None:
        """/help: the command list."""
        self.show_help()

    def cmd_role(self, arg: str) -> None:
        """/role [NAME]: switch role (asks before dropping drafted sections)."""
        s = self.session
        if not arg:
            ids = self.show_role_menu()
            arg = self.read("role (number or name, Enter keeps the current one)> ").strip()
            if not arg:
                return
            if arg.isdigit() and 1 <= int(arg) <= len(ids):
                arg = ids[int(arg) - 1]
        from drafter.roles import get_role

        if get_role(arg).id == s.role:
            self.say(f"role is already {s.role}")
            return
        if any(sec.status != "pending" for sec in s.sections):
            if not self.confirm("A new role means a new section plan; the drafted sections are dropped. Go on?"):
                return
        s.set_role(arg)
        self.say(f"role: {s.role}", style="green")
        if s.stage == "drafting":
            self.show_plan()

    def cmd_facts(self, arg: str) -> None:
        """/facts: the numbered list."""
        self.show_facts()

    def cmd_add(self, arg: str) -> None:
        """/add TEXT: add a fact (asks for it when TEXT is missing)."""
        s = self.session
        text = arg or self.read("fact> ")
        number = s.add_fact(text)
        self.after_fact_change(f"fact {number} added")

    def cmd_drop(self, arg: str) -> None:
        """/drop N: remove fact N."""
        removed = self.session.drop_fact(arg)
        self.after_fact_change(f"dropped: {removed}")

    def after_fact_change(self, message: str) -> None:
        """Say what changed, where a new fact went, and which accepted sections it made stale."""
        s = self.session
        if not s.role:
            self.say(message, style="green")
            return
        where = ""
        if s.facts:
            last = s.facts[-1]["text"]
            for planned in s.plan():
                if any(f.text == last for f in planned.facts) and message.startswith("fact"):
                    where = f" → {planned.section.title}"
        self.say(message + where, style="green")
        stale = [sec.title for sec in s.sections if sec.stale]
        if stale and s.stage == "drafting":
            self.say("accepted before this change (kept; /regen to redraft): " + ", ".join(stale), style="yellow")

    def cmd_regen(self, arg: str) -> None:
        """/regen [SECTION]: draft a section again now (default: the one under review)."""
        s = self.session
        self.need_drafting()
        index = s.find_section(arg, default=s.next_section())
        self.draft(index)

    def cmd_edit(self, arg: str) -> None:
        """/edit [SECTION]: edit a drafted section (default: the one under review)."""
        s = self.session
        self.need_drafting()
        index = s.find_section(arg, default=s.next_section())
        if s.sections[index].status == "pending":
            raise InputError(f"{s.sections[index].title} is not drafted yet")
        self.edit(index)

    def cmd_show(self, arg: str) -> None:
        """/show: the draft so far (or the facts before drafting) and the status line."""
        s = self.session
        if s.stage != "drafting":
            self.show_facts()
            self.status_line()
            return
        self.show_summary()

    def cmd_clean(self, arg: str) -> None:
        """/clean: run cleanup and grounding over the draft and show the report."""
        self.need_drafting()
        draft = self.session.finished_draft()
        self.show_report(draft)

    def cmd_save(self, arg: str) -> None:
        """/save [FILE]: write the cleaned summary to FILE, the -o path, or a path asked for."""
        self.need_drafting()
        target = arg or self.session.output
        if not target:
            target = self.read("save to file> ").strip()
            if not target:
                return
        self.save(target)

    def cmd_export(self, arg: str) -> None:
        """/export FILE: write the cleaned summary as a .docx or .pptx."""
        self.need_drafting()
        target = arg or self.read("export to file (.docx or .pptx)> ").strip()
        if target:
            self.say(f"exported {self.session.export_output(target)}", style="bold green")

    def cmd_quit(self, arg: str) -> None:
        """/quit: leave, asking first when the summary has changes not saved to a file."""
        s = self.session
        drafted = any(sec.text.strip() for sec in s.sections)
        if drafted and s.unsaved:
            if not self.confirm("The summary has changes not saved to a file. Quit anyway (the session is kept)?"):
                return
        raise Leave()

    def need_drafting(self) -> None:
        """An InputError unless the session has reached the section plan."""
        if self.session.stage != "drafting" or not self.session.sections:
            raise InputError("no sections yet", hint="finish the facts with an empty line first")

    def save(self, target: str) -> bool:
        """Write the cleaned summary to `target` and say where."""
        path, draft = self.session.save_output(target)
        self.say(f"saved {path}", style="bold green")
        return True

    # the flow -----------------------------------------------------------------------------------------------------

    def run(self) -> int:
        """The whole session: role → facts → plan → each section streamed and reviewed → cleaned draft → save."""
        self.setup_readline()
        s = self.session
        try:
            self.welcome()
            while True:
                try:
                    if self.step() == "done":
                        break
                except Handled:
                    continue
                except KeyboardInterrupt:
                    self.say("\ninterrupted; nothing was lost (Ctrl-D leaves)")
                except DrafterError as exc:
                    self.error(exc)
        except Leave:
            pass
        finally:
            self.save_history()
            s.close()
        if s.finished and not s.unsaved:
            self.say(f"session {s.id} finished")
        else:
            self.say(f"session kept; continue with:\n  drafter session --resume {s.id}")
        return 0

    def welcome(self) -> None:
        """The opening lines; a resumed session shows every fact and accepted section."""
        s = self.session
        if self.resumed:
            self.say(f"Resumed session {s.id} (last change {s.updated.replace('T', ' ')[:16]})", style="bold")
            self.engine_note()
            self.show_facts()
            for index, section in enumerate(s.sections):
                if section.status == "accepted":
                    self.show_section(index)
                    self.shown.add(index)
            self.status_line()
        else:
            self.say(f"session {s.id} · /help for commands · Tab completes · Ctrl-D leaves",
                     style="bold")

    def engine_note(self) -> None:
        """On resume: the backend, model and server the session drafts with now, whether they came from the session
        file, and what it used before when that differs."""
        from drafter.config import redact
        from drafter.session import SERVER_SETTINGS

        settings = self.settings
        engine = engine_name(settings.backend, settings.model)
        shows_url = settings.backend != "offline" and settings.base_url
        where = f" at {redact(settings.base_url, settings.api_key)}" if shows_url else ""
        saved = any(settings.sources.get(name, "").startswith("session ") for name in SERVER_SETTINGS)
        note = " (as saved in the session)" if saved else ""
        if self.last_engine and self.last_engine != engine:
            note += f" (it drafted with {self.last_engine} before)"
        self.say(f"drafting with {engine}{where}{note}", style="dim")

    def step(self) -> str | None:
        """Do the next thing the state calls for: role, facts, draft, review or the final draft."""
        s = self.session
        if s.stage == "role" or not s.role:
            return self.step_role()
        if s.stage == "facts":
            return self.step_facts()
        index = s.next_section()
        if index is None:
            return self.step_final()
        if s.sections[index].status == "pending":
            self.draft(index)
            return None
        return self.step_review(index)

    def step_role(self) -> None:
        """Ask for the role from the menu."""
        ids = self.show_role_menu()
        answer = self.ask(f"role [1-{len(ids)}]> ")
        if not answer:
            return
        if answer.isdigit() and 1 <= int(answer) <= len(ids):
            answer = ids[int(answer) - 1]
        self.session.set_role(answer)
        self.say(f"role: {self.session.role}", style="green")

    def step_facts(self) -> None:
        """Read one fact; an empty line ends the list and shows the plan."""
        s = self.session
        if not self.facts_intro:
            self.facts_intro = True
            if s.facts:
                self.say(f"{len(s.facts)} facts so far:")
                self.show_facts()
            self.say("Type one fact per line (figures and names exactly as they should appear); "
                     "an empty line ends the list.", style="dim")
        line = self.ask(f"fact {len(s.facts) + 1}> ")
        if line:
            s.add_fact(line)
            return
        s.finish_facts()
        self.show_plan()

    def step_review(self, index: int) -> None:
        """Ask what to do with a drafted section: accept, regenerate, edit, or add a fact and redraft."""
        s = self.session
        if index not in self.shown:
            self.show_section(index)
            if s.sections[index].text.strip():
                self.show_review(index)
            self.shown.add(index)
        empty = not s.sections[index].text.strip()
        answer = self.ask(f"{RETRY_KEYS if empty else REVIEW_KEYS}> ").lower()
        if answer == "" and empty:
            answer = "r"
        if answer in ("", "a", "accept", "y"):
            s.accept(index)
            self.say(f"accepted: {s.sections[index].title}", style="green")
        elif answer in ("r", "regen", "regenerate"):
            self.draft(index)
        elif answer in ("e", "edit"):
            self.edit(index)
        elif answer in ("f", "fact"):
            text = self.read("new fact> ").strip()
            if text:
                s.add_fact(text)
                self.after_fact_change(f"fact {len(s.facts)} added")
                if s.sections[index].status != "pending":
                    s.reset_section(index)
        else:
            self.say("type a, r, e or f (or a /command; /help lists them)")

    def step_final(self) -> str | None:
        """Show the cleaned summary, its report and warnings once per change, then offer to save."""
        s = self.session
        if self.final_revision != s.revision:
            self.final_revision = s.revision
            draft = s.finished_draft()
            self.rule("the cleaned summary")
            self.show_document(draft.markdown())
            self.show_report(draft)
            self.status_line()
            if s.unsaved:
                if s.output:
                    if self.confirm(f"save to {s.output}?", default=True):
                        self.save(s.output)
                        return "done"
                else:
                    target = self.read("save to file (Enter: not now)> ").strip()
                    if target.split(" ")[0].lower() in COMMANDS:
                        self.run_command(parse_command(target))
                        return None
                    if target:
                        self.save(target)
                        return "done"
        answer = self.ask("all sections accepted: /save [FILE], /regen or /edit a section, /quit> ")
        if answer:
            self.say("type a /command; /help lists them")
        return None

    def show_document(self, text: str) -> None:
        """The summary as rendered Markdown, or as plain Markdown text with NO_COLOR."""
        if os.environ.get("NO_COLOR"):
            self.say(text.rstrip())
            return
        from rich.markdown import Markdown

        self.console.print(Markdown(text))


def engine_name(backend: str, model: str) -> str:
    """'offline', or 'openai/MODEL' for a model backend."""
    return backend if model == backend else f"{backend}/{model}"


def shorten(text: str, width: int) -> str:
    """Text cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def start_session(settings, role: str | None = None, facts_file: str | None = None, output: Path | None = None,
                  resume: bool = False, resume_id: str | None = None) -> int:
    """Entry point for `drafter session`: refuse without a terminal, start or resume, run the loop."""
    from drafter.backends import get_backend
    from drafter.roles import get_role

    from drafter.files import check_output_path

    refuse_without_terminal()
    check_output_path(output, facts_file, "facts")
    if resume_id and not resume:
        resume = True
    last_engine = ""
    if resume:
        if facts_file:
            raise InputError("--facts starts a new session; it cannot be combined with --resume",
                             hint="resume, then /add the facts")
        session = load_session(resume_id) if resume_id else latest_unfinished()
        last_engine = engine_name(session.backend, session.model) if session.backend else ""
        settings = session.server_settings(settings)
        backend = get_backend(settings)
        if output:
            session.output = str(Path(output).expanduser().absolute())
        if role and session.role and get_role(role).id != session.role:
            raise InputError(f"session {session.id} uses role {session.role}; --role cannot change it on resume",
                             hint="resume, then type /role NAME (it asks before dropping drafted sections)")
        if role and not session.role:
            session.set_role(role)
    else:
        facts, meta = [], {}
        if facts_file:
            from drafter.facts import load_facts

            loaded = load_facts(facts_file)
            facts, meta = loaded.items, dict(loaded.meta)
        backend = get_backend(settings)
        role = role or settings.role or meta.pop("role", None)
        meta.pop("role", None)
        session = Session.new(role=role, facts=facts, meta=meta, output=output, facts_file=facts_file)
    session.backend, session.model = backend.name, backend.model
    session.remember_server(settings)
    session.save()
    return SessionUI(session, settings, backend, resumed=resume, last_engine=last_engine).run()


def sessions_table(console=None) -> None:
    """Print the saved sessions, newest first, for `drafter sessions`."""
    from drafter.session import describe, list_sessions

    damaged: list[str] = []
    sessions = list_sessions(damaged=damaged)
    for line in damaged:
        sys.stderr.write(f"warning: skipped {line}\n")
    if not sessions:
        print("no sessions yet; start one with: drafter session")
        return
    for session in sessions:
        print(describe(session))
