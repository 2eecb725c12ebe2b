"""The sandbox's test data: the contract's fixed collectors and a deterministic generator."""

from __future__ import annotations

import hashlib
import random
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import cache
from typing import Any, TypeVar

from console.formats import collector_check_digit

DEMO_PASSWORD = "sandbox"  # noqa: S105 - published demo credential
DEMO_PIN = "1234"


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


FIRST_EN = _names(
    "James, Mary, Robert, Patricia, John, Jennifer, Michael, Linda, David, Elizabeth, William, Barbara, "
    "Richard, Susan, Joseph, Jessica, Thomas, Sarah, Charles, Karen, Daniel, Nancy, Matthew, Lisa, "
    "Anthony, Emily, Mark, Ashley, Steven, Olivia, Andrew, Emma, Liam, Ava, Noah, Sophia, Ethan, Mia, "
    "Lucas, Harper, Owen, Chloe, Connor, Hannah, Ryan, Grace, Dylan, Abigail, Aiden, Zoe"
)
FIRST_FR = _names(
    "Élise, Éric, Hélène, Jérôme, François, Geneviève, Zoé, Chloé, Léa, Noémie, Ève-Marie, Anaïs, Benoît, "
    "Gaëlle, Maëlle, Mathéo, Raphaël, Thérèse, Josée, Stéphane, Sébastien, André, Cédric, Frédéric, "
    "Gérard, Amélie, Aurélie, Céline, Clémence, Émilie, Étienne, Félix, Jérémie, Loïc, Noël, Réjean, "
    "Rosalie, Marc-André, Jean-François, Marie-Ève, Sylvie, Luc, Pierre, Nathalie, Mathieu, Isabelle, "
    "Olivier, Camille, Gabriel, Juliette"
)
LAST_EN = _names(
    "Smith, Brown, Wilson, MacDonald, Taylor, Campbell, Anderson, Jones, Thompson, Martin, White, "
    "Johnson, Walker, Stewart, Robinson, Clark, Lee, Young, Scott, Mitchell, O'Neil, O'Brien, "
    "Smith-Jones, McKenzie, Fraser, Murray, Reid, Kelly, Hughes, Gray, Patel, Singh, Nguyen, Chen, Wong, "
    "Kim, Baker, Carter, Evans, Hill, Morgan, Graham, Bell, Ross, Hamilton, Watson, Dixon, St. John, "
    "Ward, Hunter"
)
LAST_FR = _names(
    "Tremblay, Gagnon, Roy, Côté, Bouchard, Gauthier, Morin, Lavoie, Fortin, Gagné, Ouellet, Pelletier, "
    "Bélanger, Lévesque, Bergeron, Leblanc, Paquette, Girard, Simard, Boucher, Caron, Beaulieu, Cloutier, "
    "Dubé, Poirier, Fournier, Lapointe, Leclerc, Lefebvre, Poulin, Thibault, St-Pierre, Nadeau, Martel, "
    "Gilbert, Hébert, Bérubé, Pépin, Fréchette, D'Amours, Lévêque, Séguin, Bédard, Théberge, Després, "
    "Gélinas, Ménard, Proulx, Rioux, Vézina"
)
# province -> (share weight, French share, [(city, postal first letters, area codes)])
PLACES: dict[str, tuple[int, float, tuple[tuple[str, str, tuple[str, ...]], ...]]] = {
    "ON": (
        38,
        0.04,
        (
            ("Toronto", "M", ("416", "647", "437")),
            ("Ottawa", "K", ("613", "343")),
            ("Hamilton", "L", ("905", "289")),
            ("London", "N", ("519", "226")),
            ("Sudbury", "P", ("705", "249")),
        ),
    ),
    "QC": (
        22,
        0.8,
        (
            ("Montréal", "H", ("514", "438")),
            ("Québec", "G", ("418", "581")),
            ("Gatineau", "J", ("819", "873")),
            ("Laval", "H", ("450", "579")),
            ("Trois-Rivières", "G", ("819",)),
        ),
    ),
    "BC": (13, 0.02, (("Vancouver", "V", ("604", "778")), ("Victoria", "V", ("250", "236")))),
    "AB": (12, 0.02, (("Calgary", "T", ("403", "587")), ("Edmonton", "T", ("780", "825")))),
    "MB": (4, 0.04, (("Winnipeg", "R", ("204", "431")),)),
    "SK": (3, 0.02, (("Saskatoon", "S", ("306", "639")), ("Regina", "S", ("306",)))),
    "NS": (3, 0.04, (("Halifax", "B", ("902", "782")),)),
    "NB": (2, 0.33, (("Moncton", "E", ("506",)), ("Edmundston", "E", ("506",)))),
    "NL": (1, 0.01, (("St. John's", "A", ("709",)),)),
    "PE": (1, 0.04, (("Charlottetown", "C", ("902", "782")),)),
    "NT": (1, 0.03, (("Yellowknife", "X", ("867",)),)),
    "NU": (1, 0.02, (("Iqaluit", "X", ("867",)),)),
    "YT": (1, 0.04, (("Whitehorse", "Y", ("867",)),)),
}
POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"
STREETS_EN = ("Main Street", "King Street", "Queen Street", "Maple Avenue", "Oak Drive", "Park Road")
STREETS_FR = (
    "rue Principale",
    "rue Saint-Denis",
    "boulevard René-Lévesque",
    "rue des Érables",
    "avenue du Parc",
)
PHONE_TYPES = ("Mobile", "Home", "Business")
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
TODAY_FOR_SEED = date(2026, 1, 1)
ENROLLED_FROM = date(2000, 1, 1)
GENDERS = ("FEMALE", "MALE", "OTHER", "UNDISCLOSED", None)
CHANNELS = ("CALL_CENTRE", "IN_STORE", "EVENT", "ONLINE")
PHONE_COUNTS = (0, 1, 1, 1, 2, 2, 3)
# Seeded phones end in 555-0100..0189; 555-0190..0199 stay free for tests that need an unused number.
SEEDED_PHONE_ENDINGS = 90
T = TypeVar("T")


def secret_hash(value: str) -> str:
    """The stored form of a demo password or PIN."""
    return hashlib.sha256(value.encode()).hexdigest()


def make_collector_number(body9: str) -> str:
    """'8' + 9 digits + check digit."""
    first10 = "8" + body9
    return first10 + str(collector_check_digit(first10))


@dataclass(slots=True)
class Member:
    """One seeded or enrolled collector, as stored."""

    number: str
    email: str
    status: str = "ACTIVE"
    enrollment_date: str = "2020-01-01"
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    suffix: str | None = None
    date_of_birth: str | None = None
    gender: str | None = None
    title: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    province: str | None = None
    postal_code: str | None = None
    country: str | None = None
    language: str | None = None
    enrollment_channel: str | None = None
    tier: str = "B"
    cash_balance: int = 0
    dream_balance: int = 0
    consents: str | None = None
    password_hash: str | None = None
    pin_hash: str | None = None
    phones: list[tuple[str | None, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def fixed_members() -> list[Member]:
    """The contract's four fixed collectors."""
    return [
        Member(
            number="80000000007",
            email="jane.doe@example.com",
            enrollment_date="2015-03-14",
            first_name="Jane",
            middle_name="Anne",
            last_name="Doe",
            date_of_birth="1985-06-15",
            gender="FEMALE",
            title="MS",
            address_line1="100 King Street West",
            address_line2="Suite 1200",
            city="Toronto",
            province="ON",
            postal_code="M5X 1A9",
            country="CA",
            language="EN",
            enrollment_channel="ONLINE",
            tier="G",
            cash_balance=1250,
            dream_balance=8400,
            password_hash=secret_hash(DEMO_PASSWORD),
            pin_hash=secret_hash(DEMO_PIN),
            phones=[("Mobile", "4165550101"), ("Home", "4165550102")],
        ),
        Member(
            number="80000000014",
            email="elise.tremblay@example.com",
            enrollment_date="2012-09-03",
            first_name="Élise",
            last_name="Tremblay",
            date_of_birth="1978-11-02",
            gender="FEMALE",
            title="MRS",
            address_line1="1250 rue Sainte-Catherine Ouest",
            city="Montréal",
            province="QC",
            postal_code="H3G 1P1",
            country="CA",
            language="FR",
            enrollment_channel="IN_STORE",
            tier="O",
            cash_balance=320,
            dream_balance=45200,
            password_hash=secret_hash(DEMO_PASSWORD),
            phones=[("Mobile", "5145550103")],
        ),
        Member(
            number="80000000021",
            email="marc.inactif@example.com",
            status="INACTIVE",
            enrollment_date="2010-05-20",
            first_name="Marc",
            last_name="Inactif",
            date_of_birth="1960-02-29",
            city="Québec",
            province="QC",
            postal_code="G1R 4P5",
            country="CA",
            language="FR",
            tier="B",
            cash_balance=15,
            dream_balance=230,
        ),
        Member(number="80000000039", email="partial.pii@example.com", enrollment_date="2024-02-01"),
    ]


def _dates(first: date, count: int) -> list[str]:
    return [(first + timedelta(days=n)).isoformat() for n in range(count)]


@cache
def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def generate_members(count: int, seed: int) -> Iterator[Member]:
    """`count` synthetic collectors; the same (count, seed) always gives the same members."""
    rand = random.Random(seed).random

    def pick(options: Sequence[T]) -> T:
        return options[int(rand() * len(options))]

    def below(n: int) -> int:
        return int(rand() * n)

    enrollment_dates = _dates(ENROLLED_FROM, 9490)
    birth_dates = _dates(TODAY_FOR_SEED - timedelta(days=85 * 365), 67 * 365)
    provinces = [p for p, (weight, _, _) in PLACES.items() for _ in range(weight)]
    used: set[str] = set()
    for index in range(count):
        number = make_collector_number(str(100_000_000 + below(900_000_000)))
        while number in used:
            number = make_collector_number(str(100_000_000 + below(900_000_000)))
        used.add(number)
        province = pick(provinces)
        _, french_share, cities = PLACES[province]
        french = rand() < french_share
        first = pick(FIRST_FR if french else FIRST_EN)
        last = pick(LAST_FR if french else LAST_EN)
        city, letters, area_codes = pick(cities)
        roll = rand()
        tier_roll = rand()
        member = Member(
            number=number,
            email=f"{_ascii(first)}.{_ascii(last)}.{index}@{pick(EMAIL_DOMAINS)}",
            status="CLOSED" if roll < 0.01 else "INACTIVE" if roll < 0.05 else "ACTIVE",
            enrollment_date=pick(enrollment_dates),
            first_name=first,
            last_name=last,
            date_of_birth=pick(birth_dates),
            gender=pick(GENDERS),
            language="FR" if french else "EN",
            tier="O" if tier_roll < 0.05 else "G" if tier_roll < 0.3 else "B",
            cash_balance=below(2500) if rand() < 0.8 else 0,
            dream_balance=below(60000) if rand() < 0.8 else 0,
            enrollment_channel=pick(CHANNELS),
        )
        if rand() < 0.9:  # the rest enrolled with partial PII: no address
            member.address_line1 = f"{1 + below(9998)} {pick(STREETS_FR if french else STREETS_EN)}"
            member.city, member.province, member.country = city, province, "CA"
            forward = f"{pick(letters)}{below(10)}{pick(POSTAL_LETTERS)}"
            member.postal_code = f"{forward} {below(10)}{pick(POSTAL_LETTERS)}{below(10)}"
        for position in range(pick(PHONE_COUNTS)):
            ending = below(SEEDED_PHONE_ENDINGS)
            member.phones.append((PHONE_TYPES[position], f"{pick(area_codes)}55501{ending:02d}"))
        yield member
