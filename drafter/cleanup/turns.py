"""The labels a chat app writes over each turn of a chat copied whole: the user's ("You said:", "Du hast gesagt:",
"Sent by you:") and the model's ("ChatGPT said:", "O Copilot disse", "Sent by Copilot:"). One definition, read by the
document model (a label line inside a paragraph starts a turn of its own) and by the junk pass (the turns)."""

from __future__ import annotations

import re

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
