"""Token counting: drafter's shipped rank files against tiktoken itself, the model map, chat overhead, prices,
and `drafter tokens` as a user runs it."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter import tokens
from drafter.errors import DrafterError, InputError
from helpers import FIXTURES, ROOT, drafter_env, invoke_drafter
from helpers import SEED as SEED_FILE

URLS = {"cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"}

STRINGS = [
    "", "hello world", "Hello, World!", "  leading and trailing  ", "\n\n\n", "\t\ttabs\tand\ttext\t",
    "line one\r\nline two\r\n", "a  b   c    d     e", " " * 37, "\u00a0non-breaking\u2003em space\u3000ideographic",
    "I'm sure they'll say we've done it, didn't we? THEY'RE", "don't DON'T Don't",
    "418 sales contracts worth 612.5 million yuan, up 19.4% from 350 in 2025",
    "1234567890 12345 3.14159 -42 1e10 0x1F 2026-11-29 09:30",
    "签订销售合同418份，合同金额6.125亿元，同比增长19.4%。",
    "我负责结算办公室的合同、产权证和回款工作；全年共办理产权证366本。",
    "年终工作总结：一、工作回顾　二、存在问题　三、明年计划",
    "日本語のテキストとカタカナ、ひらがな。", "한국어 문장도 셉니다.", "Русский текст с цифрами 2026 года.",
    "النص العربي يكتب من اليمين إلى اليسار", "हिन्दी में वाक्य", "ελληνικά γράμματα",
    "emoji 😀😃😄 and a family 👨‍👩‍👧‍👦 and flags 🇨🇳🇺🇸 and skin 👍🏽", "🎉" * 20,
    "combining: e\u0301 a\u0308 n\u0303 — Zalgo t̶̢̛e̷x̸t̴",
    "<|endoftext|>", "before <|endoftext|> after", "<|fim_prefix|><|fim_middle|><|fim_suffix|><|endofprompt|>",
    "<|im_start|>system\nYou are helpful<|im_end|>",
    "def f(x):\n    return {'a': [1, 2, 3]}  # comment\n", "```python\nprint('hi')\n```",
    "https://example.com/path?q=1&r=two#frag", "user@example.com", "C:\\Users\\li.wei\\Documents",
    "**bold** _italic_ `code` [link](http://x) > quote\n- bullet\n1. item",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "ThisIsCamelCaseAndHTTPServerXMLParser", "snake_case_identifier_name", "ALL CAPS SHOUTING TEXT",
    "\u200b\u200c\u200d\ufeff zero width", "\x00\x01\x02 control \x7f",
]


def random_strings(count: int = 300, seed: int = 11) -> list[str]:
    """Mixed-script strings: ASCII, CJK, emoji, whitespace runs, digits and punctuation."""
    rng = random.Random(seed)
    pools = [
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", " \t\n\r  ", ".,;:!?'\"()[]{}<>|-_/\\*&%$#@",
        "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生", "😀🎉👍🏽🇨🇳👨‍👩‍👧✨🔥",
        "äöüßéèçñøåœ", "αβγδεжзийклあいうえおカキクケコ", "，。、；：？！“”（）《》【】",
    ]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            pool = rng.choice(pools)
            parts.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 10))))
        out.append("".join(parts) if rng.random() < 0.5 else " ".join(parts))
    return out


@pytest.fixture(scope="module")
def tiktoken_cache(tmp_path_factory) -> Path:
    """tiktoken's own cache folder, holding OpenAI's rank files where tiktoken looks for its downloads.

    The files are the decompressed shipped ones; tiktoken checks OpenAI's published sha256 itself before using
    them, so what tiktoken builds from here is exactly what `tiktoken.get_encoding` builds after a download.
    """
    folder = tmp_path_factory.mktemp("tiktoken-cache")
    for name, url in URLS.items():
        raw = gzip.decompress((tokens.ENCODINGS_DIR / tokens.ENCODING_SPECS[name].file).read_bytes())
        (folder / hashlib.sha1(url.encode()).hexdigest()).write_bytes(raw)
    return folder


@pytest.fixture(scope="module")
def real_tiktoken(tiktoken_cache):
    """tiktoken's own get_encoding, reading OpenAI's files from its cache (never the network)."""
    import os

    import tiktoken
    import tiktoken_ext.openai_public as public

    old = os.environ.get("TIKTOKEN_CACHE_DIR")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(tiktoken_cache)
    try:
        encodings = {name: tiktoken.Encoding(**getattr(public, name)()) for name in URLS}
    finally:
        if old is None:
            os.environ.pop("TIKTOKEN_CACHE_DIR", None)
        else:
            os.environ["TIKTOKEN_CACHE_DIR"] = old
    return encodings


@pytest.mark.parametrize("name", ["cl100k_base", "o200k_base"])
def test_the_shipped_encoding_is_tiktokens_own(name, real_tiktoken):
    ours, theirs = tokens.get_encoding(name), real_tiktoken[name]
    assert ours._pat_str == theirs._pat_str
    assert ours._special_tokens == theirs._special_tokens
    assert ours._mergeable_ranks == theirs._mergeable_ranks
    assert ours.n_vocab == theirs.n_vocab


@pytest.mark.parametrize("name", ["cl100k_base", "o200k_base"])
def test_counts_match_tiktoken_on_many_strings(name, real_tiktoken):
    ours, theirs = tokens.get_encoding(name), real_tiktoken[name]
    texts = STRINGS + random_strings()
    for path in [*FIXTURES.glob("*.md"), *FIXTURES.glob("*.yaml"), ROOT / "README.md", SEED_FILE]:
        texts.append(path.read_text(encoding="utf-8"))
    for text in texts:
        expected = theirs.encode(text, disallowed_special=())
        assert ours.encode_ordinary(text) == expected, text[:80]
        assert tokens.count_tokens(text, name) == len(expected), text[:80]
        assert ours.decode(expected) == text


def test_tiktoken_in_a_clean_process_agrees_through_its_public_api(tiktoken_cache, tmp_path):
    """`tiktoken.get_encoding` and `encoding_for_model` in a fresh process, given only its cache folder."""
    code = ("import json, sys, tiktoken\n"
            "texts = json.load(sys.stdin)\n"
            "out = {'cl100k_base': [len(tiktoken.get_encoding('cl100k_base').encode(t, disallowed_special=())) for t in texts],\n"
            "       'gpt-4o': [len(tiktoken.encoding_for_model('gpt-4o').encode(t, disallowed_special=())) for t in texts],\n"
            "       'gpt-4o-mini': [len(tiktoken.encoding_for_model('gpt-4o-mini').encode(t, disallowed_special=())) for t in texts]}\n"
            "print(json.dumps(out))\n")
    env = drafter_env(tmp_path, TIKTOKEN_CACHE_DIR=str(tiktoken_cache), HTTPS_PROXY="http://127.0.0.1:9",
                      HTTP_PROXY="http://127.0.0.1:9")
    texts = STRINGS + random_strings(60, seed=3)
    proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    counts = json.loads(proc.stdout)
    assert counts["cl100k_base"] == [tokens.count_tokens(t, "cl100k_base") for t in texts]
    for model in ("gpt-4o", "gpt-4o-mini"):
        encoding = tokens.encoding_for_model(model).encoding
        assert counts[model] == [tokens.count_tokens(t, encoding) for t in texts]


def test_known_token_ids():
    assert tokens.get_encoding("cl100k_base").encode_ordinary("hello world") == [15339, 1917]
    assert tokens.get_encoding("o200k_base").encode_ordinary("hello world") == [24912, 2375]
    assert tokens.count_tokens("hello world", "cl100k_base") == 2
    assert tokens.count_tokens("", "o200k_base") == 0


def test_the_pure_python_bpe_agrees_on_a_few_strings():
    """tiktoken's educational BPE (plain Python, no Rust) over the same ranks: an independent implementation."""
    from tiktoken._educational import SimpleBytePairEncoding

    for name in ("cl100k_base", "o200k_base"):
        enc = tokens.get_encoding(name)
        simple = SimpleBytePairEncoding(pat_str=enc._pat_str, mergeable_ranks=enc._mergeable_ranks)
        for text in ["hello world", "签订销售合同418份", "emoji 😀👍🏽", "I'm here\r\n\tnow", "<|endoftext|>"]:
            assert simple.encode(text, visualise=None) == enc.encode_ordinary(text), (name, text)


def test_special_token_text_is_counted_as_plain_text_not_refused():
    count = tokens.count_tokens("<|endoftext|>", "o200k_base")
    assert count > 1, "the text '<|endoftext|>' in a fact is ordinary text, not the special token"
    enc = tokens.get_encoding("o200k_base")
    assert 199999 not in enc.encode_ordinary("a <|endoftext|> b")


@pytest.mark.parametrize("model, encoding, exact", [
    ("gpt-4o", "o200k_base", True), ("gpt-4o-mini", "o200k_base", True), ("gpt-4o-mini-2024-07-18", "o200k_base", True),
    ("gpt-4o-2024-05-13", "o200k_base", True), ("chatgpt-4o-latest", "o200k_base", True),
    ("gpt-4.1", "o200k_base", True), ("gpt-4.1-mini", "o200k_base", True), ("gpt-4.1-nano-2025-04-14", "o200k_base", True),
    ("gpt-4.5-preview", "o200k_base", True), ("gpt-5", "o200k_base", True), ("gpt-5-mini", "o200k_base", True),
    ("o1", "o200k_base", True), ("o1-mini", "o200k_base", True), ("o3", "o200k_base", True),
    ("o3-mini", "o200k_base", True), ("o4-mini", "o200k_base", True), ("o4-mini-2025-04-16", "o200k_base", True),
    ("gpt-4", "cl100k_base", True), ("gpt-4-0613", "cl100k_base", True), ("gpt-4-turbo", "cl100k_base", True),
    ("gpt-4-32k", "cl100k_base", True), ("gpt-3.5-turbo", "cl100k_base", True),
    ("gpt-3.5-turbo-0125", "cl100k_base", True), ("gpt-35-turbo", "cl100k_base", True),
    ("ft:gpt-4o-mini-2024-07-18:acme::abc123", "o200k_base", True), ("ft:gpt-3.5-turbo:acme::x", "cl100k_base", True),
    ("openai/gpt-4o", "o200k_base", True),
    ("llama3.2", "o200k_base", False), ("qwen2.5:3b", "o200k_base", False), ("stub-model", "o200k_base", False),
    ("gpt-oss:20b", "o200k_base", False), ("o1x", "o200k_base", False), ("", "o200k_base", False),
])
def test_model_to_encoding(model, encoding, exact):
    chosen = tokens.encoding_for_model(model)
    assert (chosen.encoding, chosen.exact) == (encoding, exact)


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "gpt-4.1", "gpt-4.1-mini", "gpt-5",
                                   "gpt-5-nano", "o1", "o3", "o3-mini", "o4-mini", "gpt-4", "gpt-4-turbo",
                                   "gpt-3.5-turbo", "gpt-3.5-turbo-0125", "ft:gpt-4o-mini:acme::x"])
def test_model_map_agrees_with_tiktokens_table(model):
    from tiktoken.model import encoding_name_for_model

    assert tokens.encoding_for_model(model).encoding == encoding_name_for_model(model)


def test_chat_messages_are_counted_as_the_cookbook_bills_them():
    messages = [{"role": "system", "content": "You write one section."},
                {"role": "user", "content": "Write the section \"Overview\". 签订销售合同418份 😀"},
                {"role": "assistant", "content": "Done.", "name": "drafter"}]
    enc = tokens.get_encoding("o200k_base")
    expected = 3  # the reply is primed with <|start|>assistant<|message|>
    for message in messages:
        expected += 3 + sum(len(enc.encode_ordinary(v)) for v in message.values())
        expected += 1 if "name" in message else 0
    assert tokens.count_messages(messages, "o200k_base") == expected
    assert tokens.count_messages([], "o200k_base") == 3
    assert tokens.count_message({"role": "user", "content": ""}, "cl100k_base") == 3 + 1


def test_loading_is_lazy_once_and_counting_the_seed_takes_milliseconds():
    code = ("import sys, time\n"
            "import drafter.tokens as t\n"
            "assert 'tiktoken' not in sys.modules, 'importing drafter.tokens loads nothing'\n"
            "a = t.get_encoding('o200k_base'); b = t.get_encoding('o200k_base')\n"
            "assert a is b\n"
            "print('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
    text = SEED_FILE.read_text(encoding="utf-8")
    tokens.count_tokens("warm up", "o200k_base")
    started = time.process_time()  # CPU time: under pytest-xdist another worker may hold the core meanwhile
    count = tokens.count_tokens(text, "o200k_base")
    elapsed = time.process_time() - started
    assert count > 1000
    assert elapsed < 0.25, f"counting {len(text)} characters took {elapsed * 1000:.0f} ms"


def test_a_damaged_rank_file_is_refused_by_its_hash(tmp_path, monkeypatch):
    good = (tokens.ENCODINGS_DIR / "cl100k_base.tiktoken.gz").read_bytes()
    raw = bytearray(gzip.decompress(good))
    raw[100] = ord("A") if raw[100] != ord("A") else ord("B")
    (tmp_path / "cl100k_base.tiktoken.gz").write_bytes(gzip.compress(bytes(raw)))
    monkeypatch.setattr(tokens, "ENCODINGS_DIR", tmp_path)
    with pytest.raises(DrafterError, match=r"damaged \(sha256 .* expected 223921b76ee9"):
        tokens.load_ranks("cl100k_base")
    (tmp_path / "cl100k_base.tiktoken.gz").write_bytes(b"not gzip")
    with pytest.raises(DrafterError, match="cannot be read"):
        tokens.load_ranks("cl100k_base")
    (tmp_path / "cl100k_base.tiktoken.gz").unlink()
    with pytest.raises(DrafterError, match="missing"):
        tokens.load_ranks("cl100k_base")
    with pytest.raises(InputError, match="unknown encoding"):
        tokens.load_ranks("p50k_base")


def test_the_shipped_files_hash_to_openais_published_files():
    for spec in tokens.ENCODING_SPECS.values():
        raw = gzip.decompress((tokens.ENCODINGS_DIR / spec.file).read_bytes())
        assert hashlib.sha256(raw).hexdigest() == spec.sha256


def test_prices_have_a_date_and_cover_the_common_models():
    table = tokens.builtin_prices()
    assert len(table["date"]) == 10 and table["date"][:2] == "20"
    for model in ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini", "gpt-4", "gpt-3.5-turbo", "gpt-5"):
        price = tokens.price_for(model)
        assert price is not None and price.input > 0 and price.output >= price.input and price.context_window
    assert tokens.price_for("gpt-4o-mini-2024-07-18").model == "gpt-4o-mini"
    assert tokens.price_for("gpt-4o-2024-05-13").input == 5.0, "an explicitly listed dated model wins"
    assert tokens.price_for("llama3.2") is None
    assert tokens.price_for("gpt-4o-mini").cost(1_000_000, 1_000_000) == pytest.approx(0.15 + 0.60)


def test_prices_are_overridden_from_the_config_file_table():
    overrides = {"gpt-4o": {"input": 1.0}, "llama3.2": {"input": 0, "output": 0, "context_window": 8192}}
    price = tokens.price_for("gpt-4o-2024-08-06", overrides)
    assert (price.input, price.output, price.context_window, price.source) == (1.0, 10.0, 128000, "config file prices")
    assert tokens.price_for("llama3.2", overrides).context_window == 8192
    with pytest.raises(InputError, match="needs numbers"):
        tokens.price_for("mine", {"mine": {"input": "cheap", "output": 1}})
    with pytest.raises(InputError, match="must be a table"):
        tokens.price_for("mine", {"mine": 3})


# -- drafter tokens ------------------------------------------------------------------------------------------------

def test_tokens_command_counts_a_file_stdin_and_json(tmp_path):
    text = "签订销售合同418份 and 612.5 million yuan 😀\n"
    (tmp_path / "draft.md").write_text(text, encoding="utf-8")
    proc = invoke_drafter("tokens", str(tmp_path / "draft.md"), "--model", "gpt-4o-mini", home=tmp_path)
    expected = tokens.count_tokens(text, "o200k_base")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{expected} tokens (gpt-4o-mini, o200k_base)\n"
    proc = invoke_drafter("tokens", "-", "--model", "gpt-4", "--format", "json", home=tmp_path, stdin=text)
    data = json.loads(proc.stdout)
    assert data["tokens"] == tokens.count_tokens(text, "cl100k_base") and data["encoding"] == "cl100k_base"
    assert data["exact"] is True and data["source"] == "<stdin>" and data["input_cost_usd"] > 0
    proc = invoke_drafter("tokens", "-", "--model", "llama3.2", home=tmp_path, stdin=text)
    assert "approximate" in proc.stdout and proc.returncode == 0


def test_tokens_command_defaults_to_the_configured_model(tmp_path):
    (tmp_path / "config.toml").write_text('model = "gpt-4"\n')
    proc = invoke_drafter("tokens", "-", "--format", "json", home=tmp_path, stdin="hello world")
    assert json.loads(proc.stdout)["model"] == "gpt-4" and json.loads(proc.stdout)["tokens"] == 2
    proc = invoke_drafter("tokens", "-", "--format", "json", home=tmp_path / "other", stdin="hello world")
    assert json.loads(proc.stdout)["model"] == "gpt-4o-mini"


@pytest.mark.parametrize("args, start", [
    (["tokens", "/no/such/file.md"], "error: "),
    (["tokens", "-", "--format", "xml"], "error: unknown --format 'xml'"),
    (["tokens"], "error: "),
])
def test_tokens_command_bad_input_is_one_line_exit_2(tmp_path, args, start):
    proc = invoke_drafter(*args, home=tmp_path, stdin="text")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(start) and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 2
