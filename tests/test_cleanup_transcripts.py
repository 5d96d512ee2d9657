"""What a speech-to-text app and a messaging app leave around a summary goes (drafter/data/cleanup/junk.toml,
drafter.cleanup.junk._message_stamps): the recording's lines, the spoken commands, the thread's stamps and chatter;
nothing of the author's goes with them."""

from __future__ import annotations

import pytest

from drafter.cleanup import clean

BEFORE, AFTER = "# Year-end summary 2024\n\nI picked 168 cases an hour against a target of 160.\n\n", \
    "\n\nNear misses: we logged 41 this year, against 9 last year.\n"


@pytest.mark.parametrize("line", [
    "WEBVTT",
    "00:00:14.910 --> 00:00:31.020",
    "Harpreet (00:43):",
    "Speaker 2 06:20",
    "00:41",
    "Voice note 2 • 0:58",
    "Duration: 00:16:42",
    "Transcript: hs year end 1-on-1 with dana.mp3",
    "Grabación de la reunión 20241214_1805.m4a",
    "Voice Recorder – Transcript – 2024-12-16 – 06:48 – 4 min 52 s – Language: English (UK)",
    "New paragraph.",
    "Full stop.",
    "Scratch that.",
    "End of message. Send.",
    "Dictated using Dragon, please excuse any errors.",
])
def test_a_recordings_lines_and_spoken_commands_go(line):
    assert clean(BEFORE + line + AFTER).text == BEFORE + AFTER.lstrip("\n")


@pytest.mark.parametrize("line", [
    "The 08:00 handover is now at 07:45 for all 22 pickers.",
    "We moved the new line of pallets to aisle 14 in March.",
    "The period from April to July was the hardest, with 4 nights over 30 degrees.",
])
def test_the_authors_times_and_words_like_the_commands_stay(line):
    text = BEFORE + line + AFTER
    assert clean(text).text == text


THREAD = """12/11/24, 7:42 PM - Messages and calls are end-to-end encrypted. No one outside of this chat, not even \
WhatsApp, can read or listen to them. Tap to learn more.
12/11/24, 7:42 PM - Brian Otieno: END OF YEAR SUMMARY 2024 – Wanjiru Kamau, Customer Care Agent, Nairobi

I handled 14,860 calls and 3,920 WhatsApp chats this year, with a first contact resolution of 78%.

From April I moved to the Home Fibre queue when we launched in Kitengela.
12/11/24, 7:43 PM - Brian Otieno: This is Wanjiru's, she asked me to share here for comments since she's off today
12/11/24, 7:51 PM - Faith Njeri: Very good 👏🏾👏🏾
12/11/24, 8:05 PM - Wanjiru Kamau: Thank you all 🙏🏾
12/11/24, 8:06 PM - Wanjiru Kamau: Oh and I forgot – I was agent of the month in September, can someone add it
12/11/24, 8:07 PM - Faith Njeri: the 78% is Q4 only, the year was 74%
12/11/24, 8:10 PM - Faith Njeri: <Media omitted>
"""


def test_a_threads_stamps_and_chatter_go_and_a_message_with_a_fact_or_a_figure_stays():
    out = clean(THREAD).text
    for gone in ["PM -", "end-to-end", "Tap to learn", "Very good", "Thank you all", "she asked me to share",
                 "<Media omitted>"]:
        assert gone not in out
    for kept in ["END OF YEAR SUMMARY 2024", "14,860 calls", "From April I moved",
                 "I was agent of the month in September",  # a fact said nowhere else: the guard keeps it
                 "the 78% is Q4 only, the year was 74%"]:  # a figure set right: no chatter
        assert kept in out


def test_a_thread_of_two_messages_keeps_its_words():
    text = ("12/11/24, 7:42 PM - Brian Otieno: Here is my summary, I processed 412 claims.\n"
            "12/11/24, 7:51 PM - Faith Njeri: Very good\n")
    out = clean(text).text
    assert "Very good" in out and "412 claims" in out and "PM -" not in out
