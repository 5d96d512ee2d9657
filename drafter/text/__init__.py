"""The text toolkit cleanup and grounding share: words, number words, months and abbreviations, one definition each."""
