"""The labels a chat app writes over each turn of a chat copied whole: the user's ("You said:", "Du hast gesagt:",
"Sent by you:") and the model's ("ChatGPT said:", "O Copilot disse", "Sent by Copilot:"). One definition, read by the
document model (a label line inside a paragraph starts a turn of its own) and by the junk pass (the turns); and the
stamps a messaging app prints on each message (the sender and the time), which start a block of their own too."""

from __future__ import annotations

import re

from drafter.text.dates import DATE_WORDS
from drafter.text.words import WORD

# "said" as chat apps write it over a turn in the user's language ("ChatGPT hat gesagt:", "O Copilot disse"): the model's
MODEL_SAID = (r"said|wrote|replied|hat gesagt|a dit|dijo|disse|ha detto|zei|powiedział|dedi|đã nói|berkata|"
              r"sagde|sa|sanoi")
# … and the user's ("Du hast gesagt:", "Vous avez dit :", "Powiedziałeś(-aś):")
USER_SAID = (r"(?:you|i|me|user|du|vous|tu|você|voce|voi|jij|sen|bạn|anda|kamu)\s+(?:said|wrote|hast gesagt|avez dit|"
             r"as dit|dijiste|has dicho|disse|hai detto|zei|dedin|đã nói|berkata|sagde|sa|sanoit)|powiedziałeś|"
             r"powiedziałaś|sent by (?:you|me)(?=\s*[:：]?[\W_]*$)")  # (Copilot's page: "Sent by you:")
TIME = r"\d{1,2}[:.]\d{2}(?:[ \t]?[ap]\.?m\.?)?"  # "4:12 PM", "16.05"
ASSISTANT_TURN = re.compile(r"^[\W_]*(?:(?:o|a|le|la|el|il|der|die|het|de)\s+)?(?:chatgpt|gpt-?[\w.-]*|claude|gemini|"
                            r"copilot|assistant|bard|llama|mistral|le chat|deepseek|qwen|the ai|ai|model)\s+"
                            r"(?:" + MODEL_SAID + r")\b|^[\W_]*(?:assistant|ai|model|bot|chatgpt|claude|gemini|"
                            r"copilot)\s*[:：][\W_]*$|^[\W_]*sent by (?:copilot|chatgpt|claude|gemini|the ai|ai|"
                            r"assistant)\s*[:：]?[\W_]*$|"
                            r"^[ \t]*assistant[ \t]{2,}[\w.:/-]+[ \t]*$|"  # (LM Studio's "Assistant  qwq-32b")
                            r"^[\W_]*(?:chatgpt|claude|gemini|copilot|le chat|mistral|deepseek|meta ai|assistant)"
                            r"[ \t]*[·•|–-][ \t]*" + TIME + r"[ \t]*$",  # (Le Chat's "Le Chat · 14:02")
                            re.I)  # the label over a model's answer ("Sent by Copilot:")
USER_TURN = re.compile(r"^[\W_]*(?:" + USER_SAID + r")\b|^[\W_]*(?:user|you|me|human)\s*[:：][\W_]*$|"
                       r"^[ \t]*(?:you|user|me)[ \t]+" + TIME + r"[ \t]*$|"  # (LM Studio's "You  4:12 PM")
                       r"^[ \t]*(?:you|vous|tu|du|sie|usted|você|voi|jij|u|anda|kamu|bạn|sen|ty|вы)[ \t]*[·•|–-][ \t]*"
                       + TIME + r"[ \t]*$",  # (Le Chat's "Vous · 14:02")
                       re.I)
TURN_LABEL_WORDS = 4  # words, at most, of a line that is only a turn's label ("You said:", "You  4:12 PM")


def is_turn_label(line: str) -> bool:
    """True when the line is only the label over a chat turn, the user's or the model's ("You said:", not "You wrote
    it well.")."""
    if len(WORD.findall(line)) > TURN_LABEL_WORDS:
        return False
    label = USER_TURN.match(line) or ASSISTANT_TURN.match(line)
    return label is not None and not WORD_CHAR.search(line, label.end())


WORD_CHAR = re.compile(r"[^\W_]")


# a chat app's stamp over or before a message: who sent it and when, as Slack, Teams, WhatsApp, Telegram and Zoom
# print it: "Thabo Mokoena  8:40 AM", "Aoife Byrne  16/01 13:58", "[14/1/25, 7:06:31 pm] Jess Nguyen: …", "Lama
# Al-Dossary, [14.12.24 21:02]", "10:04:02 From Leah Morgan to Everyone:"
STAMP_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?"
STAMP_DATE = r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
SCHEDULE_WORDS = "|".join(sorted(DATE_WORDS | {"in", "at", "on", "from", "to", "until", "by", "after", "before",
                                                 "opening", "closing", "start", "end"}, key=len, reverse=True))
STAMP_NAME = rf"(?!(?i:{SCHEDULE_WORDS})\b)[A-Z][\w'’.-]+(?:[ \t][A-Z][\w'’.-]+){{0,3}}"  # (a day, a month or a word
# of time before a time is a schedule's line: "Monday  9:00", "Opening  8:30 AM")
MESSAGE_STAMP = re.compile(
    rf"^[\W_]*{STAMP_NAME}[ \t]{{2,}}(?:{STAMP_DATE},?[ \t]+)?{STAMP_TIME}[\W_]*$|"  # a line of its own over the message
    rf"^[ \t]*{STAMP_TIME}[ \t]+From[ \t]+{STAMP_NAME}[ \t]+to[ \t]+[^\n:]{{1,40}}:[ \t]*$|"
    rf"^[\W_]*{STAMP_NAME},[ \t]*\[{STAMP_DATE}[ \t]+{STAMP_TIME}\][ \t]*$|"
    rf"^\[{STAMP_DATE},?[ \t]+{STAMP_TIME}\][ \t]*{STAMP_NAME}[ \t]*:[ \t]*|"  # the stamp before the message's words
    rf"^{STAMP_DATE},?[ \t]+{STAMP_TIME}[ \t]+[-–][ \t]*{STAMP_NAME}[ \t]*:[ \t]*",  # (a chat's export: "12/11/24,
    re.M)  # 7:42 PM - Brian Otieno: …")


# the sender of a message its stamp opens: "[14/12/2024, 10:39 pm] Meta AI: …", or Android's "14/12/2024, 22:39 -
# Meta AI: …"
STAMPED_SENDER = re.compile(rf"^[ \t]*(?:\[{STAMP_DATE},?[ \t]+{STAMP_TIME}\]|{STAMP_DATE},?[ \t]+{STAMP_TIME}[ \t]+-)"
                            rf"[ \t]*(?P<sender>{STAMP_NAME})[ \t]*:")
