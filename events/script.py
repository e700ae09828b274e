"""Arabic script as Dari and Pashto are typed: folding the variants of a letter or a digit
into one, and telling which language a text is in.

Afghan writers type the same letter from different keyboards: Arabic yeh and kaf (ي ك) for
Persian ones (ی ک), Pashto's ګ for گ, Persian digits (۱۰), Arabic-Indic ones (١٠) or ASCII.
`fold` maps each to one form, character for character, so that what is found in the folded
text stands at the same offsets in the original.
"""

import re

# Persian (U+06F0–9) and Arabic-Indic (U+0660–9) digits, as ASCII.
_DIGITS = {
    **{chr(0x06F0 + number): str(number) for number in range(10)},
    **{chr(0x0660 + number): str(number) for number in range(10)},
}
_LETTERS = {
    "ي": "ی",  # Arabic yeh
    "ى": "ی",  # alef maksura
    "ې": "ی",  # Pashto: e
    "ۍ": "ی",  # Pashto: feminine ey
    "ئ": "ی",
    "ك": "ک",  # Arabic kaf
    "ګ": "گ",  # Pashto gaf
    "ة": "ه",  # teh marbuta
    "ۀ": "ه",  # heh with yeh above
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "\u200c": " ",  # zero-width non-joiner: a word's parts stay apart
    "\u200f": " ",  # right-to-left mark
    "\u200e": " ",  # left-to-right mark
    "،": ",",  # Arabic comma
    "٫": "/",  # Arabic decimal separator, written between a date's parts too
    "ـ": " ",  # tatweel (a stretched joint)
}
_FOLD = str.maketrans({**_DIGITS, **_LETTERS})

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# Letters Pashto writes and Dari does not.
_PASHTO_LETTER = re.compile(r"[ټډړږښګڼېۍځڅ]")
# Words only Pashto writes, for a Pashto text typed without its own letters.
_PASHTO_WORD = re.compile(r"(?<!\S)(?:د|په|کې|چې|دی|ده|وو|شوی|شوې|کال|میاشت|اونۍ|نن|پرون)(?!\S)")


def fold(text: str) -> str:
    """`text` with each letter and digit in one form, the same length as `text`."""
    return text.translate(_FOLD)


def is_arabic_script(text: str) -> bool:
    """Whether most of the letters in `text` are Arabic script."""
    sample = text[:5000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    return arabic > len(_LATIN_LETTER.findall(sample))


def language_of(text: str) -> str:
    """ "fa" (Dari), "ps" (Pashto) or "en": what a text is written in, by its script."""
    if not is_arabic_script(text):
        return "en"
    sample = text[:5000]
    words = max(1, len(sample.split()))
    pashto = len(_PASHTO_LETTER.findall(sample)) + 3 * len(_PASHTO_WORD.findall(sample))
    return "ps" if pashto / words > 0.15 else "fa"


# What search folds, in the index and in what a reader types: the letters' variants, and
# the zero-width non-joiner dropped, so "می‌رود" and "میرود" are one word. A list of pairs,
# for the databases' replace() as much as for Python.
SEARCH_FOLDS = (
    ("ي", "ی"),
    ("ى", "ی"),
    ("ك", "ک"),
    ("ة", "ه"),
    ("ۀ", "ه"),
    ("أ", "ا"),
    ("إ", "ا"),
    ("\u200c", ""),
)
_SEARCH_FOLD = str.maketrans({old: new for old, new in SEARCH_FOLDS})


def search_fold(text: str) -> str:
    """`text` as the search index holds it: "كابل" is "کابل"."""
    return text.translate(_SEARCH_FOLD)


# The Dari and Pashto alphabets as one order (Pashto's own letters beside their nearest Dari
# ones; a letter's Arabic form beside its Persian one): Unicode puts پ، چ، ژ، ک، گ and ی
# after و, so a list sorted by code point would put "کابل" after "وزارت".
_ALPHABET = (
    "ءآأإا", "ب", "پ", "ت", "ټ", "ث", "ج", "چ", "ځ", "څ", "ح", "خ", "د", "ډ", "ذ", "ر", "ړ",
    "ز", "ژ", "ږ", "س", "ش", "ښ", "ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "کك", "ګگ", "ل",
    "م", "ن", "ڼ", "وؤ", "هةۀ", "یيېۍئى",
)  # fmt: skip
_ORDER = {letter: place for place, letters in enumerate(_ALPHABET) for letter in letters}
_ORDER[" "] = -1  # "د امریکا" before "دامن"


def sort_key(text: str) -> tuple[tuple[int, int], ...]:
    """What to sort names by, in the order a Dari or Pashto reader looks them up; Latin
    names (untranslated ones) after the Arabic-script ones, in their own order."""
    return tuple(
        (0, _ORDER[letter]) if letter in _ORDER else (1, ord(letter))
        for letter in text.casefold()
        if letter != "\u200c"  # a zero-width non-joiner is no letter
    )


# Arabic-script letters in Latin ones, for addresses (a slug is ASCII): close to how Afghan
# names are romanised, short vowels unwritten as in the script itself.
_LATIN = {
    **dict.fromkeys("اآأ", "a"), "إ": "e", "ب": "b", "پ": "p", **dict.fromkeys("تټط", "t"),
    **dict.fromkeys("ثسصښ", "s"), "ج": "j", "چ": "ch", "ځ": "dz", "څ": "ts", "ح": "h",
    "خ": "kh", **dict.fromkeys("دډ", "d"), **dict.fromkeys("ذزضظ", "z"),
    **dict.fromkeys("رړ", "r"),
    "ژ": "zh", **dict.fromkeys("ږګگ", "g"), "ش": "sh", "ع": "", "غ": "gh", "ف": "f", "ق": "q",
    **dict.fromkeys("کك", "k"), "ل": "l", "م": "m", **dict.fromkeys("نڼ", "n"), "ء": "",
    "ئ": "y",
    "ؤ": "o", "ة": "a", **{digit: str(value) for value, digit in enumerate("۰۱۲۳۴۵۶۷۸۹")},
    **{digit: str(value) for value, digit in enumerate("٠١٢٣٤٥٦٧٨٩")},
}  # fmt: skip
_WORD = re.compile(r"\w+")


def romanised(text: str) -> str:
    """Arabic-script words in Latin letters ("دوحه" "doha", "کابل" "kabl"); other text as
    it is. For addresses of what is titled in Dari or Pashto alone."""

    def word(match: re.Match[str]) -> str:
        letters = match[0]
        out = []
        for index, letter in enumerate(letters):
            first, last = index == 0, index == len(letters) - 1
            if letter == "و":
                out.append("w" if first else "o")
            elif letter in "یيېۍى":
                out.append("y" if first else "i")
            elif letter in "هۀ":
                out.append("a" if last and not first else "h")
            else:
                out.append(_LATIN.get(letter, letter))
        return "".join(out)

    return _WORD.sub(word, text)
