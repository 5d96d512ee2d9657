"""The Jinja2 sandbox every template runs in: immutable, size- and step-bounded, and faults reported in one line.

Templates are user files ($DRAFTER_HOME/prompts, role strings), so a template may try anything. The context it
gets is plain data (see prompts.template_data); this module bounds what it can build from it. Every value a
template makes (by `*`, `**`, `%`, `+`, `~`, a filter, a method call, a literal) is checked against the render's
size limit before or right after it is made; loops, calls and large values spend a step budget; the rendered text
is collected piece by piece and refused once over the limit. Imported only when a template is rendered.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import os
import re
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.environment import Template, TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_RENDERED_CHARS = 1_000_000
"""The most text one render may produce, and the largest string or list a template may build, for small inputs."""
RENDERED_CHARS_PER_INPUT_CHAR = 32
"""A render given more data may produce this many more characters per character of it (prose around each fact)."""
MAX_RANGE_ITEMS = 100_000
"""The longest range() a template may ask for."""
MAX_INTEGER_BITS = 4_096
"""The largest whole number a template may compute with `*` or `**` (about 1,200 digits)."""
MAX_RENDER_STEPS = 200_000
"""Loop turns and calls one render may make (plus one per character of its data) before it is stopped."""
CHARS_PER_STEP = 100
"""Building a value costs a step per this many characters or items of it (a loop turn or a call costs one)."""
MAX_RENDER_SECONDS = 10.0
"""A backstop: a render still running after this long is stopped (steps bound all but pathological templates)."""
REFUSED_TEXT_METHODS = frozenset({"format", "format_map", "translate", "maketrans"})
"""String methods a template may not call: str.format reaches attributes and pads without bound."""
DROPPED_FILTERS = ("urlize",)
"""Built-in filters a prompt has no use for and whose output size is hard to bound."""


class TemplateRefused(SecurityError):
    """A template tried something the sandbox does not allow (too big, too long, or unsafe)."""


class TemplateFileError(jinja2.TemplateError):
    """A template file that cannot be read as UTF-8 text; the message names the file."""


@dataclass
class RenderBudget:
    """What one render may still spend: the size limit for any value or the output, steps left, a deadline."""

    max_chars: int
    steps_left: int
    deadline: float


_budget: contextvars.ContextVar[RenderBudget | None] = contextvars.ContextVar("drafter_render_budget", default=None)


def size_limit() -> int:
    """The largest value (characters or items) the current render may build."""
    budget = _budget.get()
    return budget.max_chars if budget else MAX_RENDERED_CHARS


def size_of(value: Any, limit: int) -> int:
    """How big a value is written out: characters of text, items of lists and mappings counted through nesting,
    digits of a number; stops counting once past `limit`."""
    total = 0
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, (str, bytes)):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 1
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, dict):
            total += 1 + len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 1 + len(item)
            pending.extend(item)
        else:
            try:
                total += 1 + len(item)
            except TypeError:
                total += 1
        if total > limit:
            return total
    return total


def refuse(message: str) -> None:
    """Stop the render with a one-line reason."""
    raise TemplateRefused(message)


def spend(steps: int = 1) -> None:
    """Charge the current render `steps`; refuse once the budget or the time is spent."""
    budget = _budget.get()
    if budget is None:
        return
    budget.steps_left -= steps
    if budget.steps_left < 0:
        refuse("the template runs too long (too many loop turns, calls or large values); "
               "look for a loop or macro that repeats without end")
    if time.monotonic() > budget.deadline:
        refuse(f"the template ran for over {MAX_RENDER_SECONDS:g} seconds")


def check_size(size: int, what: str) -> None:
    """Refuse a value of `size` characters or items if it is over the render's limit."""
    if size > MAX_RENDERED_CHARS and size > size_limit():
        refuse(f"{what} would be over {size_limit():,} characters or items")


def guard_value(value: Any, what: str = "a value") -> Any:
    """Pass a value the template built, after checking its size and charging for it."""
    size = len(value) if type(value) is str else size_of(value, size_limit())
    if size >= CHARS_PER_STEP:
        check_size(size, what)
        spend(size // CHARS_PER_STEP)
    return value


class CountedIterable:
    """An iterable whose every item costs the render one step (keeps len() for loop.length)."""

    __slots__ = ("items",)

    def __init__(self, items: Any) -> None:
        self.items = items

    def __len__(self) -> int:
        """The number of items, when the underlying iterable knows it."""
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        """The items, one step each."""
        for item in self.items:
            spend()
            yield item


def bounded_range(*args: int) -> range:
    """range() for templates: at most MAX_RANGE_ITEMS numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE_ITEMS:
        refuse(f"range() of {len(numbers):,} numbers (the limit is {MAX_RANGE_ITEMS:,})")
    return numbers


def bounded_concat(pieces: Iterable[str]) -> str:
    """Join rendered pieces (a macro's, a block's, a {% set %} block's output), refusing once over the limit."""
    limit = size_limit()
    total = 0
    parts = []
    for piece in pieces:
        total += len(piece)
        if total > limit:
            refuse(f"rendered text would be over {limit:,} characters")
        parts.append(piece)
    spend(total // CHARS_PER_STEP)
    return "".join(parts)


# --- sizes of operations, checked before they run ---------------------------------------------------------------

PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+)?)?[hlL]?[a-zA-Z%]")


def percent_format_size(template: str | bytes, values: Any) -> int:
    """An upper bound on the size of `template % values` (each conversion: its width, precision and widest value)."""
    if isinstance(template, bytes):
        template = template.decode("latin-1")
    items = values.values() if isinstance(values, dict) else values if isinstance(values, tuple) else (values,)
    limit = size_limit()
    widest = max((max(size_of(item, limit), 32) for item in items), default=32)
    total = len(template)
    for spec in PERCENT_SPEC.finditer(template):
        width, precision = spec.group(1), spec.group(2)
        if width == "*" or precision == "*":
            refuse("a '*' width in % formatting")
        total += int(width or 0) + int(precision or 0) + widest
        if total > limit:
            break
    return total


def binop_size(operator: str, left: Any, right: Any) -> int:
    """The size of `left operator right` worked out before computing it (0 when it cannot grow)."""
    limit = size_limit()
    if operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INTEGER_BITS:
                refuse(f"a number over {MAX_INTEGER_BITS:,} bits")
            return 0
        sequence, count = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(count, int) and isinstance(sequence, (str, bytes, list, tuple)):
            return size_of(sequence, limit) * max(count, 0)
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            if left.bit_length() * right > MAX_INTEGER_BITS:
                refuse(f"a number over {MAX_INTEGER_BITS:,} bits")
    elif operator == "%" and isinstance(left, (str, bytes)):
        return percent_format_size(left, right)
    return 0


def text_method_size(method: Any, args: tuple, kwargs: dict) -> int:
    """The size of calling a str or bytes method that can grow its text (padding, replace, join, tabs), else 0."""
    text, name = method.__self__, method.__name__
    limit = size_limit()
    if name in REFUSED_TEXT_METHODS:
        refuse(f"the string method {name}() is not allowed in templates (use the 'format' filter or '~')")
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        return max(len(text), args[0])
    if name == "expandtabs":
        tabsize = args[0] if args else kwargs.get("tabsize", 8)
        return len(text) + text.count("\t" if isinstance(text, str) else b"\t") * max(int(tabsize), 0)
    if name == "replace" and len(args) >= 2:
        return replaced_size(text, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1))
    if name == "join" and args:
        return joined_size(text, args[0], limit)
    return 0


def replaced_size(text: Any, old: Any, new: Any, count: Any = -1) -> int:
    """The size of text.replace(old, new, count)."""
    if not isinstance(text, (str, bytes)) or not isinstance(old, type(text)) or not isinstance(new, type(text)):
        return 0
    occurrences = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    return len(text) + occurrences * max(len(new) - len(old), 0)


def joined_size(separator: Any, items: Any, limit: int) -> int:
    """The size of separator.join(items) (items already a list or tuple)."""
    if not isinstance(items, (list, tuple, str, dict)):
        return 0
    return len(str(separator)) * len(items) + sum(size_of(item, limit) for item in items)


def bounded_list(items: Any) -> list:
    """An iterable as a list, refusing once it passes the size limit."""
    if isinstance(items, list):
        return items
    limit = size_limit()
    collected = []
    for item in items:
        collected.append(item)
        if len(collected) > limit:
            refuse(f"a list of over {limit:,} items")
    return collected


# --- filters ----------------------------------------------------------------------------------------------------

def _filter_args(func: Callable, args: tuple) -> tuple[tuple, tuple]:
    """Split a filter call's arguments into the passed context/environment (if any) and the rest."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
    return args[:skip], args[skip:]


def _filter_size(name: str, args: tuple, kwargs: dict) -> int:
    """The size a growing filter's result would have (0 for filters whose output is at most linear)."""
    if not args:
        return 0
    value, rest = args[0], args[1:]

    def option(index: int, key: str, default: Any = None) -> Any:
        """The filter argument at `index` after the value, or given by name."""
        return rest[index] if len(rest) > index else kwargs.get(key, default)

    limit = size_limit()
    if name == "center":
        width = option(0, "width", 80)
        return max(len(str(value)), width) if isinstance(width, int) else 0
    if name == "indent":
        width = option(0, "width", 4)
        pad = width if isinstance(width, int) else len(str(width))
        return len(str(value)) + (str(value).count("\n") + 1) * max(pad, 0)
    if name == "format":
        return percent_format_size(str(value), kwargs or tuple(rest))
    if name == "join":
        return joined_size(option(0, "d", ""), value, limit)
    if name == "replace":
        return replaced_size(str(value), option(0, "old"), option(1, "new"), option(2, "count", -1))
    if name == "wordwrap":
        wrap = option(2, "wrapstring") or "\n"
        return len(str(value)) + (len(str(value)) + 1) * len(str(wrap))
    if name == "batch" and option(1, "fill_with") is not None:
        count = option(0, "linecount", 0)
        return count if isinstance(count, int) else 0
    if name == "slice":
        count = option(0, "slices", 0)
        return count if isinstance(count, int) else 0
    return 0


def guarded_filter(name: str, func: Callable) -> Callable:
    """A filter wrapped so that a result over the size limit is refused before (or right after) it is built."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        passed, rest = _filter_args(func, args)
        if name in ("join", "sum") and rest:
            rest = (bounded_list(rest[0]), *rest[1:])
        check_size(_filter_size(name, rest, kwargs), f"the '{name}' filter's result")
        if name == "sum" and isinstance(kwargs.get("start", rest[2] if len(rest) > 2 else 0), (list, tuple)):
            return guard_value(_sum_sequences(rest, kwargs), "the 'sum' filter's result")
        return guard_value(func(*passed, *rest, **kwargs), f"the '{name}' filter's result")

    return wrapper


def _sum_sequences(args: tuple, kwargs: dict) -> list:
    """The 'sum' filter over lists (start=[]): joined in one pass, not by repeated copying."""
    items = args[0]
    start = kwargs.get("start", args[2] if len(args) > 2 else [])
    if kwargs.get("attribute", args[1] if len(args) > 1 else None) is not None:
        refuse("the 'sum' filter joins whole lists only; map the attribute first")
    total = list(start)
    limit = size_limit()
    for item in items:
        total.extend(item)
        if len(total) > limit:
            refuse(f"the 'sum' filter's result would be over {limit:,} items")
    return total


def text_filter(name: str, func: Callable[..., str]) -> Callable[..., str]:
    """A drafter filter that takes only text arguments, so a template cannot hand it anything else."""

    @functools.wraps(func)
    def wrapper(*args: Any) -> str:
        for arg in args:
            if not isinstance(arg, str):
                raise TypeError(f"the '{name}' filter takes text, not {type(arg).__name__}")
        return func(*args)

    return wrapper


# --- the environment --------------------------------------------------------------------------------------------

class GuardedCodeGenerator(CodeGenerator):
    """Compiles templates so loops spend steps and literals and `~` joins are size-checked."""

    def visit_For(self, node: nodes.For, frame: Any) -> None:
        """A for loop over environment.guard_iterable(...) of what it iterates."""
        original = node.iter
        node.iter = nodes.Call(nodes.EnvironmentAttribute("guard_iterable"), [original], [], None, None,
                               lineno=original.lineno)
        try:
            super().visit_For(node, frame)
        finally:
            node.iter = original

    def _guarded(self, visit: Callable, node: nodes.Node, frame: Any) -> None:
        """Write an expression wrapped in environment.guard_value(...)."""
        self.write("environment.guard_value(")
        visit(node, frame)
        self.write(")")

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        """A size-checked concat."""
        self._guarded(super().visit_Concat, node, frame)

    def visit_List(self, node: nodes.List, frame: Any) -> None:
        """A size-checked list."""
        self._guarded(super().visit_List, node, frame)

    def visit_Dict(self, node: nodes.Dict, frame: Any) -> None:
        """A size-checked dict."""
        self._guarded(super().visit_Dict, node, frame)

    def visit_Tuple(self, node: nodes.Tuple, frame: Any) -> None:
        """A size-checked tuple (not when it is an assignment target)."""
        if node.ctx == "load":
            self._guarded(super().visit_Tuple, node, frame)
        else:
            super().visit_Tuple(node, frame)


class BoundedTemplate(Template):
    """A template whose imported module ({% import %}) holds bounded output, like every other render."""

    def make_module(self, vars: Any = None, shared: bool = False, locals: Any = None) -> TemplateModule:
        """The template as a module, its top-level output collected within the size limit."""
        context = self.new_context(vars, shared, locals)
        body = bounded_concat(self.root_render_func(context))
        return TemplateModule(self, context, [body])


class TextFileLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that names the file when it is not UTF-8 text or cannot be read."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, file name and up-to-date check; a file that cannot be read is named."""
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            raise
        except (UnicodeDecodeError, OSError) as exc:
            path = self._path_of(template)
            reason = "is not UTF-8 text; save it as UTF-8" if isinstance(exc, UnicodeDecodeError) else \
                f"cannot be read ({exc.strerror or exc})"
            raise TemplateFileError(f"{path}: template file {reason}") from None

    def _path_of(self, template: str) -> str:
        """The file a template name resolves to in this loader's folders."""
        for folder in self.searchpath:
            path = os.path.join(folder, *split_template_path(template))
            if os.path.isfile(path):
                return path
        return template


class DrafterSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment with sizes bounded: operators, calls, filters, loops, literals, output."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = GuardedCodeGenerator
    template_class = BoundedTemplate
    concat = staticmethod(bounded_concat)  # type: ignore[assignment]
    guard_value = staticmethod(guard_value)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range
        self.globals.pop("lipsum", None)
        for name in DROPPED_FILTERS:
            self.filters.pop(name, None)
        self.filters = {name: guarded_filter(name, func) for name, func in self.filters.items()}

    def add_text_filter(self, name: str, func: Callable[..., str]) -> None:
        """Register a drafter filter that takes text only; its result is size-checked like the built-ins'."""
        self.filters[name] = guarded_filter(name, text_filter(name, func))

    @staticmethod
    def guard_iterable(items: Any) -> CountedIterable:
        """What a {% for %} loop iterates: every turn costs a step."""
        return CountedIterable(items)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """No private attributes, no mutating methods, and none of the text methods that escape or explode."""
        if isinstance(obj, (str, bytes)) and attr in REFUSED_TEXT_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> None:
        """str.format and format_map are not wrapped but refused (is_safe_attribute)."""
        return None

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*`, `**`, `%` and `+`: refuse a result over the size limit before it is built."""
        check_size(binop_size(operator, left, right), f"'{operator}'")
        return guard_value(self.binop_table[operator](left, right), f"'{operator}'")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Every call costs a step; text methods that grow their text are size-checked first."""
        spend()
        if inspect.isbuiltin(__obj) and isinstance(getattr(__obj, "__self__", None), (str, bytes)):
            if __obj.__name__ == "join" and args:
                args = (bounded_list(args[0]), *args[1:])
            check_size(text_method_size(__obj, args, kwargs), f"{__obj.__name__}()")
        elif isinstance(__obj, LoopContext) and args:
            args = (CountedIterable(args[0]), *args[1:])
        return guard_value(super().call(__context, __obj, *args, **kwargs), "a call's result")


def new_environment(folders: list[str]) -> DrafterSandbox:
    """The sandbox over template folders (earlier ones win), strict about undefined names, no autoescape."""
    loader = jinja2.ChoiceLoader([TextFileLoader(folder) for folder in folders])
    return DrafterSandbox(loader=loader, undefined=jinja2.StrictUndefined, autoescape=False,
                          keep_trailing_newline=False, trim_blocks=False)


def render_bounded(template: Template, context: dict[str, Any]) -> str:
    """Render with a fresh budget sized to the context; the output is collected piece by piece within the limit."""
    input_size = size_of(context, 1 << 62)
    budget = RenderBudget(max_chars=MAX_RENDERED_CHARS + RENDERED_CHARS_PER_INPUT_CHAR * input_size,
                          steps_left=MAX_RENDER_STEPS + input_size,
                          deadline=time.monotonic() + MAX_RENDER_SECONDS)
    token = _budget.set(budget)
    try:
        total = 0
        parts = []
        for piece in template.generate(context):
            total += len(piece)
            if total > budget.max_chars:
                refuse(f"rendered text would be over {budget.max_chars:,} characters")
            parts.append(piece)
        return "".join(parts)
    finally:
        _budget.reset(token)


# --- one-line errors --------------------------------------------------------------------------------------------

def template_location(exc: BaseException, is_template_file: Callable[[str], bool]) -> tuple[str, int] | None:
    """The innermost template file and line in an exception's traceback (Jinja maps its frames to them)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename == "<template>" or is_template_file(filename):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def one_line(text: str) -> str:
    """A message on a single line."""
    return " ".join(str(text).split())


def describe(exc: BaseException) -> tuple[str, str | None]:
    """What went wrong, for a template fault that is not about loading: the message and an optional hint."""
    if isinstance(exc, TemplateRefused):
        return f"template refused: {one_line(exc)}", None
    if isinstance(exc, SecurityError):
        return f"unsafe operation refused ({one_line(exc)})", None
    if isinstance(exc, jinja2.UndefinedError):
        return one_line(exc.message or exc), "a template uses a variable drafter does not provide"
    if isinstance(exc, RecursionError):
        return "template recursion too deep (a macro, include or extends that calls itself?)", None
    if isinstance(exc, MemoryError):
        return "the template ran out of memory", None
    if isinstance(exc, jinja2.TemplateError):
        return one_line(exc.message or exc), None
    return f"template error: {exc.__class__.__name__}: {one_line(exc)}", None
