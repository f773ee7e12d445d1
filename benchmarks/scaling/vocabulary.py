"""The words generated personas are made of, with their look-alike keys and slugs computed by the app's
own functions (core.names, slugify), so SQL only concatenates values Python already computed.

A name is "<Given> the <Title> <Role>" (1.7 million distinct ones); a fork is named "<parent> (fork)", as
`persona_fork` names it. A description mentions exactly one of ten topics, so searching the first topic
(COMMON_WORD) matches about a tenth of the personas, and RARE_WORD appears in a handful only.
"""

from dataclasses import dataclass
from functools import cache

from django.utils.text import slugify

from core import names


def _words(text: str) -> list[str]:
    return text.split()


TITLES = _words(
    """
Curious Stoic Gentle Brave Witty Patient Cheerful Grumpy Quiet Bold Clever Calm Eager Fierce Jolly
Keen Lively Mellow Noble Plucky Quirky Sunny Tidy Upbeat Vivid Wise Zesty Ancient Bright Cosmic
Dapper Earnest Fearless Graceful Humble Idle Jovial Kind Lucky Mighty Nimble Orderly Proud Radiant
Serene Tender Urban Valiant Wandering Young Zealous Arctic Breezy Crimson Dusky Electric Frosty
Golden Hidden Iron Jade Lunar Misty Neon Opal Polar Rustic Silver Stormy Amber Velvet Wild Coral
Scarlet Midnight Crystal Copper Emerald Indigo Marble Obsidian Pearl Ruby Sapphire Topaz Ivory
Cobalt Saffron Tawny Dreamy Steady Swift Merry Honest Daring Loyal Sincere Playful Thoughtful
Careful Friendly Modest Polite Restless Shy Sleepy Spirited Sturdy Tireless Vigilant Whimsical
Candid Diligent Frank Hearty Gallant Peppy Brisk Sage Zen Analytic
"""
)
GIVEN_NAMES = _words(
    """
Ada Basil Clara Dmitri Elena Farid Greta Hugo Ines Jonas Kira Leo Mira Nadia Oskar Priya Quinn Rosa
Sami Tara Uma Viktor Wren Xavi Yara Zoë Amara Bruno Chiara Dario Esme Felix Gita Hana Ivo Juno Kai
Lena Milo Nico Olga Pavel Rafa Sofia Theo Ugo Vera Wanda Yusuf Zara Aiko Bela Cyrus Dalia Emil Freya
Gus Hedda Ilse Jasper Kofi Luca Maeve Nils Odile Pia Rhea Silas Tomas Una Vito Willa Yuki Zeno Anouk
Boris Cleo Dante Elio Fern Gemma Hector Isla Joel Kasia Lior Mateo Noor Orla Pedro Rumi Saoirse
Talia Ulla Vesna Wim Ximena Yosef Zuri José Søren Ana Björn Chloé Dagny Eamon Fleur Goran Halle
Ingrid Jorge Klara Lars Magda Nell Otto Petra Ronan Sven Tilde Ulrich Vida
"""
)
ROLES = _words(
    """
Analyst Archivist Baker Bard Botanist Builder Captain Cartographer Coach Critic Curator Detective
Diplomat Doctor Editor Engineer Explorer Fixer Forecaster Guide Guardian Healer Herald Host Inventor
Jester Judge Keeper Knight Librarian Linguist Mapmaker Mechanic Mentor Merchant Monk Narrator
Negotiator Nurse Oracle Painter Pilot Planner Professor Ranger Referee Researcher Sailor Scholar
Scout Scribe Sculptor Sentinel Shepherd Skeptic Sommelier Storyteller Strategist Surveyor Tailor
Teacher Tinkerer Trainer Translator Trickster Umpire Voyager Warden Weaver Wizard Writer Yogi
Zookeeper Alchemist Architect Artisan Auditor Barista Blacksmith Brewer Butler Chemist Clockmaker
Composer Counselor Courier Dancer Drummer Economist Falconer Farmer Ferryman Florist Geologist
Glassblower Hacker Illustrator Jeweler Juggler Lawyer Locksmith Magician Mariner Miner Nomad
Optician Philosopher Potter Puppeteer Quizmaster Rhetorician Singer Steward Tracker Vintner
Whisperer Watchmaker Poet Medic
"""
)
TOPICS = _words("astronomy cooking chess poetry gardening fitness finance jazz travel pottery")
COMMON_WORD = TOPICS[0]
RARE_WORD = "quasicrystal"
RARE_ROWS = 5  # personas whose description mentions RARE_WORD, whatever their number
PHRASES = [
    "explains things with endless patience",
    "asks the questions nobody else thinks of",
    "tells long stories with happy endings",
    "keeps meticulous notes on everything",
    "turns every problem into a small game",
    "speaks plainly and never rushes",
    "loves a good argument and a better pun",
    "checks every fact twice",
    "remembers what you said last week",
    "prefers examples to definitions",
    "draws little diagrams in the margins",
    "gives honest feedback, gently",
    "hums while thinking",
    "sums up a long day in three lines",
    "believes every question deserves an answer",
    "knows when to stop talking",
    "translates jargon into everyday words",
    "plans everything on paper first",
    "cheers you on when it gets hard",
    "collects proverbs from everywhere",
]
HOBBIES = [
    "old maps",
    "rainy days",
    "mountain trails",
    "board games",
    "street food",
    "sea shanties",
    "tea ceremonies",
    "vintage cameras",
    "bird songs",
    "card tricks",
    "folk tales",
    "city parks",
    "science fiction",
    "bread baking",
    "night trains",
    "crossword puzzles",
    "lighthouses",
    "origami",
    "silent films",
    "tide pools",
    "paper kites",
    "mechanical watches",
    "winter markets",
    "hand lettering",
]
CLOSINGS = [
    "Replies are short and friendly.",
    "Expect a question back now and then.",
    "Happy to go into detail when asked.",
    "Always ends with a small summary.",
    "Uses plain words and short sentences.",
    "Likes to suggest a next step.",
    "Will say so when unsure.",
    "Enjoys a follow-up question.",
    "Keeps a light, warm tone.",
    "Never pretends to know everything.",
    "Brings an example for every idea.",
    "Loves to compare notes.",
]
FORK_SUFFIX = " (fork)"
SYSTEM_PROMPT = "You are {name}. Stay in character, be helpful and keep answers under two hundred words."


@dataclass(frozen=True)
class Word:
    text: str
    key: str
    shape_key: str
    slug: str


def _word(text: str) -> Word:
    return Word(text, names.name_key(text), names.name_shape_key(text), slugify(text))


def _between(text: str, before: str, after: str) -> Word:
    """What `text` adds to a name's keys and slug between the letters `before` and `after` (which keep
    their own form): keys and slugs are made character by character, but names are trimmed, so a
    separator's own keys would lose its spaces."""
    whole = _word(before + text + after)

    def middle(value: str) -> str:
        return value[len(before) : len(value) - len(after)]

    return Word(text, middle(whole.key), middle(whole.shape_key), middle(whole.slug))


@cache
def name_words() -> dict[str, list[Word]]:
    """Each list's words with distinct keys and slugs, so distinct word choices give names that look
    different and slugs that differ before their random suffix."""
    lists = {"given": GIVEN_NAMES, "title": TITLES, "role": ROLES}
    words = {kind: [_word(text) for text in texts] for kind, texts in lists.items()}
    for kind, items in words.items():
        for attribute in ("key", "shape_key", "slug"):
            assert len({getattr(w, attribute) for w in items}) == len(items), (kind, attribute)
        assert not any(" " in w.key + w.shape_key or "-" in w.slug for w in items), kind
    return words


@cache
def separators() -> dict[str, Word]:
    """ "the" between the given name and the title, a space before the role, the fork suffix at the end."""
    return {
        "the": _between(" the ", "a", "b"),
        "space": _between(" ", "a", "b"),
        "fork": _between(FORK_SUFFIX, "a", ""),
    }


def name_combinations() -> int:
    return len(GIVEN_NAMES) * len(TITLES) * len(ROLES)


def description_pieces() -> dict[str, list[str]]:
    return {"phrase": PHRASES, "topic": TOPICS, "hobby": HOBBIES, "closing": CLOSINGS}


def search_words_are_distinct() -> bool:
    """COMMON_WORD and RARE_WORD occur nowhere else, so a search matches only where they were put."""
    texts = [*TITLES, *GIVEN_NAMES, *ROLES, *PHRASES, *HOBBIES, *CLOSINGS, *TOPICS[1:], SYSTEM_PROMPT]
    lowered = " ".join(texts).lower()
    return COMMON_WORD not in lowered and RARE_WORD not in lowered
