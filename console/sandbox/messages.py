"""English and French texts of the API's error messages."""

from __future__ import annotations

RESPONSE_MESSAGES: dict[str, tuple[str, str]] = {
    "INVALID_REQUEST": ("The request is invalid.", "La requête est invalide."),
    "INVALID_JSON": (
        "The request body is not valid JSON.",
        "Le corps de la requête n'est pas du JSON valide.",
    ),
    "INVALID_CONTENT_TYPE": (
        "The request body must be application/json.",
        "Le corps de la requête doit être de type application/json.",
    ),
    "NO_CRITERION": (
        "Give exactly one of email, phone or lastName.",
        "Indiquez exactement un critère : email, phone ou lastName.",
    ),
    "MISSING_COLLECTOR_NUMBER": (
        "The Collector-Number header is required with this token.",
        "L'en-tête Collector-Number est obligatoire avec ce jeton.",
    ),
    "INVALID_COLLECTOR_NUMBER": (
        "The collector number must be 11 digits starting with 8.",
        "Le numéro d'adhérent doit compter 11 chiffres et commencer par 8.",
    ),
    "UNAUTHORIZED": (
        "The access token is missing, invalid or expired.",
        "Le jeton d'accès est absent, invalide ou expiré.",
    ),
    "INSUFFICIENT_SCOPE": (
        "The access token lacks the scope {scope}.",
        "Le jeton d'accès n'a pas la portée {scope}.",
    ),
    "COLLECTOR_NUMBER_NOT_ALLOWED": (
        "A member token cannot name another collector.",
        "Un jeton de membre ne peut pas désigner un autre adhérent.",
    ),
    "COLLECTOR_NOT_FOUND": ("No collector has this number.", "Aucun adhérent ne porte ce numéro."),
    "DUPLICATE_COLLECTOR": (
        "An active collector already uses this email address.",
        "Un adhérent actif utilise déjà cette adresse courriel.",
    ),
    "IDEMPOTENCY_IN_PROGRESS": (
        "A request with this Idempotency-Key is still being processed.",
        "Une requête avec cette clé d'idempotence est encore en cours de traitement.",
    ),
    "IDEMPOTENCY_KEY_REUSED": (
        "This Idempotency-Key was already used with a different request body.",
        "Cette clé d'idempotence a déjà servi avec un autre corps de requête.",
    ),
    "RATE_LIMITED": (
        "Too many requests; retry after {retry_after} s.",
        "Trop de requêtes; réessayez dans {retry_after} s.",
    ),
    "FORBIDDEN": (
        "Control requests are taken only from the sandbox's own address, not from another site.",
        "Les requêtes de contrôle ne sont acceptées que depuis l'adresse du bac à sable, "
        "pas d'un autre site.",
    ),
    "PAYLOAD_TOO_LARGE": (
        "The request body is over {max} KiB.",
        "Le corps de la requête dépasse {max} Kio.",
    ),
    "UNREADABLE_REQUEST": (
        "The request could not be read: malformed, or its headers are too large.",
        "La requête est illisible\u00a0: mal formée, ou ses en-têtes sont trop longs.",
    ),
    "INTERNAL_ERROR": ("An unexpected error occurred.", "Une erreur inattendue s'est produite."),
    "SERVICE_UNAVAILABLE": (
        "The service is temporarily unavailable; retry after {retry_after} s.",
        "Le service est temporairement indisponible; réessayez dans {retry_after} s.",
    ),
}

FIELD_MESSAGES: dict[str, tuple[str, str]] = {
    "REQUIRED": ("This field is required.", "Ce champ est obligatoire."),
    "INVALID_FORMAT": ("This value has an invalid format.", "Le format de cette valeur est invalide."),
    "INVALID_VALUE": ("This value is not allowed.", "Cette valeur n'est pas permise."),
    "TOO_LONG": ("This value is too long (at most {max}).", "Cette valeur est trop longue (au plus {max})."),
    "TOO_YOUNG": (
        "The collector must be at least {min_age} years old.",
        "L'adhérent doit avoir au moins {min_age} ans.",
    ),
}


def wants_french(accept_language: str | None) -> bool:
    """True when the preferred language of an Accept-Language header is French (fr, FR, fr-CA...)."""
    if not accept_language:
        return False
    best, best_q = "", -1.0
    for part in accept_language.split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        params = params.strip().replace(" ", "")
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        if q > best_q:
            best, best_q = tag.strip(), q
    return best.lower().split("-")[0] == "fr"


def text(table: dict[str, tuple[str, str]], key: str, french: bool, **values: object) -> str:
    return table[key][1 if french else 0].format(**values)
